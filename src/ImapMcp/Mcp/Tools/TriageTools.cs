using System.ComponentModel;
using System.Globalization;
using ImapMcp.Mail.Query;
using ImapMcp.Mcp.Internal;
using ImapMcp.Mcp.Results;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ImapMcp.Mcp.Tools;

/// <summary>Triage over the cache: who waits for an answer, who writes the most, what share is automated, what is never opened, and an overview.</summary>
[McpServerToolType]
internal sealed class TriageTools(AccountRegistry registry)
{
    public const int MaxUnreplied = 200;
    public const int MaxSenders = 100;
    public const int MaxNeverOpened = 500;

    private const string SinceParameter = "The window: a period back from now such as 2w, 6m or 1y (units h, d, w, m, y), or a date such as 2024-03-01.";
    private const string ReceivedNote = "Counts received mail (outside Sent and Drafts, not written by the owner); a message filed in several folders counts once.";

    [McpServerTool(Name = "unreplied", Title = "Mail waiting for a reply", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(UnrepliedOutput))]
    [Description("Messages from people (not newsletters or notifications) addressed to the owner in To or Cc, in the window, with no later message from the owner in the same conversation (Sent is cross-checked; a draft reply does not count). Newest first. " + UntrustedContent.Reminder)]
    public async Task<CallToolResult> UnrepliedAsync(
        [Description(SinceParameter + " Default 2w.")] string since = "2w",
        [Description("Most messages to return, 1 to 200.")] int limit = 50,
        [Description(AccountTools.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default)
    {
        var a = registry.Get(account);
        var from = Inputs.Since(since, "2w", registry.Time);
        Inputs.Limit(limit, MaxUnreplied);
        var messages = (await a.Account.Queries.GetUnrepliedAsync(from, limit, cancellationToken).ConfigureAwait(false)).Select(MessageSummary.Of).ToList();
        var freshness = await a.FreshnessAsync(cancellationToken).ConfigureAwait(false);
        var text = Render.Compose(
            messages.Count == 0
                ? $"Nothing waits for a reply since {Render.Date(from)}."
                : string.Create(CultureInfo.InvariantCulture, $"{messages.Count} message(s) since {Render.Date(from)} wait for a reply, newest first:"),
            Render.Messages(messages, UntrustedContent.NewFence()), freshness);
        return ToolResult.Of(new UnrepliedOutput(a.Name, from, messages.Count, messages, freshness), McpJsonContext.Default.UnrepliedOutput, text);
    }

    [McpServerTool(Name = "top_senders", Title = "Who emails the most", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(SendersOutput))]
    [Description("Senders by number of messages in the window, most first, with unread counts, whether each is automated and the rule that decided, and a category. " + ReceivedNote)]
    public async Task<CallToolResult> TopSendersAsync(
        [Description(SinceParameter + " Default 6m.")] string since = "6m",
        [Description("How many senders, 1 to 100.")] int limit = 20,
        [Description(AccountTools.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default)
    {
        var a = registry.Get(account);
        var from = Inputs.Since(since, "6m", registry.Time);
        Inputs.Limit(limit, MaxSenders);
        var senders = (await a.Account.Analytics.GetTopSendersAsync(from, limit, cancellationToken).ConfigureAwait(false)).Select(Sender).ToList();
        return await SendersResultAsync(a, from, senders, $"Top {senders.Count} senders since {Render.Date(from)}:", cancellationToken).ConfigureAwait(false);
    }

    [McpServerTool(Name = "top_domains", Title = "Which domains email the most", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(DomainsOutput))]
    [Description("Sender domains by number of messages in the window, most first, with distinct senders, unread and automated counts. " + ReceivedNote)]
    public async Task<CallToolResult> TopDomainsAsync(
        [Description(SinceParameter + " Default 6m.")] string since = "6m",
        [Description("How many domains, 1 to 100.")] int limit = 20,
        [Description(AccountTools.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default)
    {
        var a = registry.Get(account);
        var from = Inputs.Since(since, "6m", registry.Time);
        Inputs.Limit(limit, MaxSenders);
        var domains = (await a.Account.Analytics.GetTopDomainsAsync(from, limit, cancellationToken).ConfigureAwait(false))
            .Select(d => new DomainOutput(d.Domain, d.Messages, d.Senders, d.Unread, d.Automated)).ToList();
        var freshness = await a.FreshnessAsync(cancellationToken).ConfigureAwait(false);
        var lines = domains.Select(d => string.Create(CultureInfo.InvariantCulture, $"- {d.Domain}: {d.Messages:N0} messages from {d.Senders:N0} sender(s), {d.Unread:N0} unread, {d.Automated:N0} automated"));
        var text = Render.Compose($"Top {domains.Count} sender domains since {Render.Date(from)}:", UntrustedContent.NewFence().Fence("sender domains", string.Join('\n', lines)), freshness);
        return ToolResult.Of(new DomainsOutput(a.Name, from, domains, freshness), McpJsonContext.Default.DomainsOutput, text);
    }

    [McpServerTool(Name = "automation_share", Title = "Automated vs human mail", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(AutomationOutput))]
    [Description("What share of received mail in the window machines sent (notifications, newsletters, receipts, alerts) versus people, broken down by the rule that decided each message (Auto-Submitted, List-Id, List-Unsubscribe, Precedence, X-GitHub-Reason, no-reply senders, known notification domains …), so the verdict can be checked. " + ReceivedNote)]
    public async Task<CallToolResult> AutomationShareAsync(
        [Description(SinceParameter + " Default 6m.")] string since = "6m",
        [Description(AccountTools.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default)
    {
        var a = registry.Get(account);
        var from = Inputs.Since(since, "6m", registry.Time);
        var share = await a.Account.Analytics.GetAutomationShareAsync(from, cancellationToken).ConfigureAwait(false);
        var freshness = await a.FreshnessAsync(cancellationToken).ConfigureAwait(false);
        var rules = share.ByRule.Select(r => new RuleOutput(r.Rule, r.Automated, r.Messages, r.Senders)).ToList();
        var lines = rules.Select(r => string.Create(CultureInfo.InvariantCulture, $"- {(r.Automated ? "automated" : "human")} by {r.Rule}: {r.Messages:N0} messages from {r.Senders:N0} sender(s)"));
        var text = Render.Compose(
            string.Create(CultureInfo.InvariantCulture, $"Since {Render.Date(from)}: {share.Total:N0} messages received, {share.Automated:N0} automated ({Render.Percent(share.AutomatedFraction)}), {share.Human:N0} from people. What decided:"),
            string.Join('\n', lines), freshness);
        return ToolResult.Of(new AutomationOutput(a.Name, from, share.Total, share.Automated, share.Human, Math.Round(share.AutomatedFraction, 4), rules, freshness), McpJsonContext.Default.AutomationOutput, text);
    }

    [McpServerTool(Name = "never_opened_senders", Title = "Senders never opened", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(SendersOutput))]
    [Description("Senders with at least minMessages messages in the window of which the owner opened none (no message ever marked read): candidates for unsubscribing or filtering. Most messages first. " + ReceivedNote)]
    public async Task<CallToolResult> NeverOpenedSendersAsync(
        [Description(SinceParameter + " Default 6m.")] string since = "6m",
        [Description("Only senders with at least this many messages, 1 to 1000.")] int minMessages = 3,
        [Description("How many senders, 1 to 500.")] int limit = 50,
        [Description(AccountTools.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default)
    {
        var a = registry.Get(account);
        var from = Inputs.Since(since, "6m", registry.Time);
        Inputs.Limit(minMessages, 1000, "minMessages");
        Inputs.Limit(limit, MaxNeverOpened);
        var senders = (await a.Account.Analytics.GetNeverOpenedSendersAsync(from, minMessages, limit, cancellationToken).ConfigureAwait(false)).Select(Sender).ToList();
        return await SendersResultAsync(a, from, senders,
            senders.Count == 0 ? $"Every sender with {minMessages}+ messages since {Render.Date(from)} has had at least one message opened." : $"{senders.Count} sender(s) with {minMessages}+ messages since {Render.Date(from)}, none ever opened:",
            cancellationToken).ConfigureAwait(false);
    }

    [McpServerTool(Name = "mailbox_overview", Title = "Mailbox overview", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(OverviewOutput))]
    [Description("The mailbox at a glance: received mail in the window by category (human, github, newsletter, monitoring, shopping, linkedin, service, finance, travel, spam, social) with shares, and every folder with its role, message and unread counts. A good first call for 'what is in my mailbox' or 'what categories do you see'.")]
    public async Task<CallToolResult> MailboxOverviewAsync(
        [Description(SinceParameter + " Default 6m.")] string since = "6m",
        [Description(AccountTools.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default)
    {
        var a = registry.Get(account);
        var from = Inputs.Since(since, "6m", registry.Time);
        var output = await OverviewAsync(a, from, cancellationToken).ConfigureAwait(false);
        return ToolResult.Of(output, McpJsonContext.Default.OverviewOutput, OverviewText(output));
    }

    internal static async Task<OverviewOutput> OverviewAsync(ServedAccount a, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var categories = (await a.Account.Analytics.GetVolumeByCategoryAsync(from, cancellationToken).ConfigureAwait(false))
            .Select(c => new CategoryOutput(c.Category, c.Messages, Math.Round(c.Share, 4))).ToList();
        var folders = (await a.FoldersAsync(cancellationToken).ConfigureAwait(false)).Select(FolderTools.Info).ToList();
        var freshness = await a.FreshnessAsync(cancellationToken).ConfigureAwait(false);
        return new OverviewOutput(a.Name, from, folders.Sum(f => (long)f.Messages), categories.Sum(c => c.Messages), categories, folders, folders.Sum(f => f.Unread), freshness);
    }

    internal static string OverviewText(OverviewOutput o)
    {
        var c = CultureInfo.InvariantCulture;
        var categories = string.Join('\n', o.Categories.Select(x => string.Create(c, $"- {x.Category}: {x.Messages:N0} ({Render.Percent(x.Share)})")));
        var folders = string.Join('\n', o.Folders.Where(f => f.Messages > 0).Select(f => string.Create(c, $"- {f.Name}{(f.Role is null ? "" : $" ({f.Role})")}: {f.Messages:N0} messages, {f.Unread:N0} unread")));
        return Render.Compose(
            string.Create(c, $"'{o.Account}': {o.CachedMessages:N0} messages cached, {o.UnreadTotal:N0} unread. Received since {Render.Date(o.Since)}: {o.ReceivedInWindow:N0}, by category:"),
            categories + "\nFolders with mail:\n" + folders, o.Freshness);
    }

    private static async Task<CallToolResult> SendersResultAsync(ServedAccount a, DateTimeOffset from, List<SenderOutput> senders, string headline, CancellationToken cancellationToken)
    {
        var freshness = await a.FreshnessAsync(cancellationToken).ConfigureAwait(false);
        var lines = senders.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"- {(string.IsNullOrEmpty(s.Name) ? s.Address : $"{s.Name} <{s.Address}>")}: {s.Messages:N0} messages, {s.Unread:N0} unread, {(s.Automated ? $"automated ({s.Rule})" : "a person")}, {s.Category}"));
        var text = Render.Compose(headline, senders.Count == 0 ? null : UntrustedContent.NewFence().Fence("sender names", string.Join('\n', lines)), freshness);
        return ToolResult.Of(new SendersOutput(a.Name, from, senders, freshness), McpJsonContext.Default.SendersOutput, text);
    }

    private static SenderOutput Sender(SenderVolume s) => new(s.Address, s.Name, s.Domain, s.Messages, s.Unread, s.Automated, s.Rule, s.Category);
}
