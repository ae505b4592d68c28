using System.ComponentModel;
using ImapMcp.Mcp.Tools;
using ModelContextProtocol.Server;

namespace ImapMcp.Mcp;

/// <summary>Mail as MCP resources: a message by URI and the mailbox overview, for clients that attach resources to a conversation.</summary>
[McpServerResourceType]
internal sealed class MailResources(AccountRegistry registry)
{
    /// <summary>The URI of a message: the key is percent-encoded because folder names hold '/'.</summary>
    public static string MessageUri(string account, string key) => $"imap-mcp://{Uri.EscapeDataString(account)}/message/{Uri.EscapeDataString(key)}";

    [McpServerResource(UriTemplate = "imap-mcp://{account}/message/{key}", Name = "message", Title = "A mail message", MimeType = "text/plain")]
    [Description("One message (headers, text body, attachment list) by account and key; the key Folder:Uid is percent-encoded, e.g. imap-mcp://alex/message/INBOX%3A4711. The body is fenced as untrusted mail content.")]
    public async Task<string> MessageAsync(string account, string key, CancellationToken cancellationToken = default)
    {
        var a = registry.Get(Uri.UnescapeDataString(account));
        var (_, text) = await ReadTools.ReadMessageAsync(a, Uri.UnescapeDataString(key), stripLinks: false, ReadTools.MaxBodyChars, cancellationToken).ConfigureAwait(false);
        return text;
    }

    [McpServerResource(UriTemplate = "imap-mcp://{account}/overview", Name = "account_overview", Title = "Mailbox overview of an account", MimeType = "text/plain")]
    [Description("The mailbox at a glance for one account: the last 6 months by category, every folder with counts, and freshness.")]
    public async Task<string> AccountOverviewAsync(string account, CancellationToken cancellationToken = default)
    {
        var a = registry.Get(Uri.UnescapeDataString(account));
        return TriageTools.OverviewText(await TriageTools.OverviewAsync(a, Mail.Query.MailPeriod.Parse("6m").Before(registry.Time.GetUtcNow()), cancellationToken).ConfigureAwait(false));
    }

    [McpServerResource(UriTemplate = "imap-mcp://overview", Name = "overview", Title = "Mailbox overview", MimeType = "text/plain")]
    [Description("The mailbox at a glance for every account: the last 6 months by category, every folder with counts, and freshness.")]
    public async Task<string> OverviewAsync(CancellationToken cancellationToken = default)
    {
        var since = Mail.Query.MailPeriod.Parse("6m").Before(registry.Time.GetUtcNow());
        var parts = new List<string>();
        foreach (var a in registry.Accounts)
            parts.Add(TriageTools.OverviewText(await TriageTools.OverviewAsync(a, since, cancellationToken).ConfigureAwait(false)));
        return string.Join("\n\n", parts);
    }
}
