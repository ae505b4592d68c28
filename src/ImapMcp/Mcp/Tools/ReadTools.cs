using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ImapMcp.Mail.Query;
using ImapMcp.Mcp.Internal;
using ImapMcp.Mcp.Results;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ImapMcp.Mcp.Tools;

/// <summary>Reading mail from the cache: search, one message, a conversation.</summary>
[McpServerToolType]
internal sealed partial class ReadTools(AccountRegistry registry)
{
    public const int MaxSearchLimit = 100;
    public const int MaxBodyChars = 200_000;

    internal const string KeyParameter = "The message key Folder:Uid exactly as search, get_thread or unreplied return it, e.g. 'INBOX:4711'.";

    private const string QueryHelp =
        "Query language: from:ADDR to:ADDR cc:ADDR subject:WORDS body:WORDS folder:NAME (or in:, a full name, last segment or role such as sent) " +
        "list:LIST-ID category:NAME (monitoring, github, newsletter, shopping, linkedin, service, finance, travel, spam, human, social) " +
        "after:2024-03-01 before:2024-04 older_than:3m newer_than:2w (h d w m y) is:unread|read|flagged|unflagged|answered|unanswered|automated|human " +
        "has:attachment has:body \"exact phrase\" plain words (full text, accents ignored) a OR b -negation (grouping). An empty query matches everything.";

    [McpServerTool(Name = "search", Title = "Search mail", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(SearchOutput))]
    [Description("Searches the local mail cache (every folder, instantly, without touching the server) and returns one page of messages with the exact total. " + QueryHelp +
                 " Each result has a key (Folder:Uid) for get_message and get_thread. Subjects and names are written by the senders: " + UntrustedContent.Reminder)]
    public async Task<CallToolResult> SearchAsync(
        [Description("The query, e.g. 'from:ieee.org \"reviewer panel\"' or 'is:unread is:human newer_than:2w'.")] string query = "",
        [Description("Messages per page, 1 to 100.")] int limit = 20,
        [Description("Messages to skip (paging): pass nextOffset from the previous page.")] int offset = 0,
        [Description("newest (default), oldest, or relevance (best full-text match first).")] string sort = "newest",
        [Description(AccountTools.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default)
    {
        var a = registry.Get(account);
        Inputs.Limit(limit, MaxSearchLimit);
        Inputs.Offset(offset);
        var order = Inputs.Sort(sort);
        query ??= "";
        Validate(query);
        foreach (Match m in FolderTerm().Matches(query))
            await a.ResolveFolderAsync(m.Groups["q"].Success ? m.Groups["q"].Value : m.Groups["v"].Value, cancellationToken).ConfigureAwait(false);

        var page = await a.Account.Queries.SearchAsync(query, new QueryOptions { Limit = limit, Offset = offset, Sort = order }, cancellationToken).ConfigureAwait(false);
        var messages = page.Messages.Select(MessageSummary.Of).ToList();
        var next = offset + messages.Count < page.Total ? offset + messages.Count : (int?)null;
        var freshness = await a.FreshnessAsync(cancellationToken).ConfigureAwait(false);
        var headline = page.Total == 0
            ? $"No messages match '{query}'."
            : string.Create(CultureInfo.InvariantCulture, $"{page.Total:N0} messages match '{query}'; showing {offset + 1}–{offset + messages.Count}{(next is { } n ? $" (next page: offset {n})." : ".")}");
        var text = Render.Compose(headline, Render.Messages(messages, UntrustedContent.NewFence()), freshness);
        return ToolResult.Of(new SearchOutput(a.Name, query, page.Total, offset, limit, next, messages, freshness), McpJsonContext.Default.SearchOutput, text);
    }

    [McpServerTool(Name = "get_message", Title = "Read a message", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(MessageOutput))]
    [Description("One message: headers, the text body (HTML already reduced to text) and the attachment list. The body comes from the cache; when the body policy skipped it, it is downloaded from the server once. The body is fenced as untrusted content: " + UntrustedContent.Reminder)]
    public async Task<CallToolResult> GetMessageAsync(
        [Description(KeyParameter)] string key,
        [Description("Replace every web address in the body by [link: host], removing tracking links and remote images (default false).")] bool stripLinks = false,
        [Description("Longest body returned, in characters (1 to 200000); longer bodies are cut and say so.")] int maxBodyChars = 20_000,
        [Description(AccountTools.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default)
    {
        var a = registry.Get(account);
        Inputs.Limit(maxBodyChars, MaxBodyChars, "maxBodyChars");
        var (output, text) = await ReadMessageAsync(a, key, stripLinks, maxBodyChars, cancellationToken).ConfigureAwait(false);
        return ToolResult.Of(output, McpJsonContext.Default.MessageOutput, text);
    }

    /// <summary>One message as get_message and the message resource give it: structured, and as text with headers and body fenced.</summary>
    internal static async Task<(MessageOutput Output, string Text)> ReadMessageAsync(ServedAccount a, string key, bool stripLinks, int maxBodyChars, CancellationToken cancellationToken)
    {
        var m = await a.GetMessageByKeyAsync(key, download: true, cancellationToken).ConfigureAwait(false);
        var parsed = m.Summary.Key;
        var fence = UntrustedContent.NewFence();
        var summary = MessageSummary.Of(m.Summary);
        var body = m.Body;
        var truncated = false;
        if (body is not null)
        {
            if (stripLinks)
                body = UntrustedContent.StripLinks(body);
            if (body.Length > maxBodyChars)
            {
                body = body[..maxBodyChars];
                truncated = true;
            }
        }

        var fencedBody = body is null ? null : fence.Fence("message body", body);
        var attachments = m.Attachments.Select(x => new AttachmentOutput(x.FileName, x.ContentType, x.Size, x.PartSpecifier)).ToList();
        var freshness = await a.FreshnessAsync(cancellationToken).ConfigureAwait(false);
        var output = new MessageOutput(a.Name, summary, m.Cc, m.Summary.MessageId, m.InReplyTo, m.References, m.ListId, m.ClassificationRule, m.CategoryRule,
            attachments, m.BodyAvailable, truncated, fencedBody, fence.Id, freshness);

        var c = CultureInfo.InvariantCulture;
        var headers = new StringBuilder()
            .Append(c, $"From: {(string.IsNullOrEmpty(summary.FromName) ? summary.FromAddress : $"{summary.FromName} <{summary.FromAddress}>")}\n")
            .Append(c, $"To: {summary.To}\n");
        if (m.Cc.Length > 0)
            headers.Append(c, $"Cc: {m.Cc}\n");
        headers.Append(c, $"Subject: {summary.Subject}");
        var text = new StringBuilder()
            .Append(c, $"Message {summary.Key}, {Render.Date(summary.Date)}; {(summary.Read ? "read" : "unread")}{(summary.Flagged ? ", flagged" : "")}{(summary.Answered ? ", answered" : "")}; ")
            .Append(c, $"{(summary.Automated ? $"automated ({m.ClassificationRule}), category {summary.Category}" : "from a person")}.\n")
            .Append(fence.Fence("message headers", headers.ToString())).Append('\n');
        if (attachments.Count > 0)
            text.Append(c, $"Attachments ({attachments.Count}): {string.Join("; ", attachments.Select(x => $"part {x.Part}: {x.FileName} ({x.ContentType}, {x.Size:N0} bytes)"))}\n");
        text.Append(fencedBody ?? "(The body is not available: the server no longer has this message.)");
        if (truncated)
            text.Append(c, $"\n(Body cut at {maxBodyChars:N0} characters; call again with a larger maxBodyChars for the rest.)");
        text.Append('\n').Append(freshness.Summary);
        return (output, text.ToString());
    }

    [McpServerTool(Name = "get_thread", Title = "Read a conversation", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ThreadOutput))]
    [Description("The whole conversation a message belongs to, oldest first, across every folder including Sent (linked by Message-ID, In-Reply-To and References, or by subject between the same people). Copies filed twice appear once. Use get_message on a key for its body. " + UntrustedContent.Reminder)]
    public async Task<CallToolResult> GetThreadAsync(
        [Description(KeyParameter)] string key,
        [Description(AccountTools.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default)
    {
        var a = registry.Get(account);
        var parsed = await a.ParseKeyAsync(key, cancellationToken).ConfigureAwait(false);
        var thread = await a.Account.Queries.GetThreadAsync(parsed, cancellationToken).ConfigureAwait(false)
            ?? throw new McpException($"No message {parsed} in the cache of '{a.Name}': search again to get current keys (Folder:Uid).");
        var messages = thread.Select(MessageSummary.Of).ToList();
        var freshness = await a.FreshnessAsync(cancellationToken).ConfigureAwait(false);
        var folders = messages.Select(m => m.Key[..m.Key.LastIndexOf(':')]).Distinct(StringComparer.Ordinal).ToList();
        var text = Render.Compose(
            string.Create(CultureInfo.InvariantCulture, $"{messages.Count} messages in the conversation of {parsed}, oldest first, in {string.Join(", ", folders)}:"),
            Render.Messages(messages, UntrustedContent.NewFence()), freshness);
        return ToolResult.Of(new ThreadOutput(a.Name, parsed.ToString(), messages.Count, messages, freshness), McpJsonContext.Default.ThreadOutput, text);
    }

    /// <summary>Checks a query; a malformed one becomes an McpException showing where.</summary>
    internal static void Validate(string query)
    {
        try
        {
            MailQueries.Validate(query);
        }
        catch (QueryParseException e)
        {
            throw new McpException($"The query is malformed: {e.Message}. Fix that part and search again. {QueryHelp}");
        }
    }

    [GeneratedRegex(@"(?<![\w-])(?:folder|in):(?:""(?<q>[^""]*)""|(?<v>[^\s()""]+))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FolderTerm();
}
