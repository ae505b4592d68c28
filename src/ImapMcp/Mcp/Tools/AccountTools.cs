using System.ComponentModel;
using System.Globalization;
using System.Text;
using ImapMcp.Mail.Query;
using ImapMcp.Mail.Sync;
using ImapMcp.Mcp.Internal;
using ImapMcp.Mcp.Results;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ImapMcp.Mcp.Tools;

/// <summary>Accounts and sync: which accounts exist, how fresh their caches are, and syncing on demand.</summary>
[McpServerToolType]
internal sealed class AccountTools(AccountRegistry registry)
{
    internal const string AccountParameter = "The account name from list_accounts; empty means the first account.";

    [McpServerTool(Name = "list_accounts", Title = "List mail accounts", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(AccountList))]
    [Description("Lists the configured mail accounts with their server, the owner's addresses, the body policy, the background sync's state and how fresh each cache is. Every other tool takes one of these names as 'account'.")]
    public async Task<CallToolResult> ListAccountsAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<AccountInfo>();
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{registry.Accounts.Count} account(s); write tools are {(registry.WriteEnabled ? "enabled" : "disabled (read-only server)")}."));
        foreach (var a in registry.Accounts)
        {
            var s = a.Account.Settings;
            var freshness = await a.FreshnessAsync(cancellationToken).ConfigureAwait(false);
            var bodies = s.Bodies.Mode.ToString().ToLowerInvariant() + (s.Bodies.Days > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({s.Bodies.Days} days)") : "");
            list.Add(new AccountInfo(s.Name, $"{s.Host}:{s.Port}", s.UserName, s.Addresses, s.CachePath, bodies, a.BackgroundState, freshness));
            text.Append('\n').Append(CultureInfo.InvariantCulture, $"- {s.Name}: {s.UserName} at {s.Host}:{s.Port}, addresses {string.Join(", ", s.Addresses)}; background sync {a.BackgroundState}. {freshness.Summary}");
        }

        return ToolResult.Of(new AccountList(list, registry.WriteEnabled), McpJsonContext.Default.AccountList, text.ToString());
    }

    [McpServerTool(Name = "account_status", Title = "Account status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(AccountStatusResult))]
    [Description("One account's state: whether the server is reachable as far as the last sync knows, the running sync's progress, what the last sync did, how much the cache holds (messages, bodies, bytes, date range) and how fresh it is. Reads local state only.")]
    public async Task<CallToolResult> AccountStatusAsync(
        [Description(AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default)
    {
        var a = registry.Get(account);
        var status = await a.Account.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        var freshness = await a.FreshnessAsync(cancellationToken).ConfigureAwait(false);
        var p = status.Progress;
        var sync = new SyncState(status.Syncing, p?.Phase.ToString().ToLowerInvariant(), p?.Folder, p?.FolderIndex, p?.FolderCount, p?.Done, p?.Total, p?.MessagesPerSecond);
        var connection = a.LastError is not null ? "failing: " + a.LastError
            : status.LastReport is not null ? "reached by the last sync"
            : status.Syncing ? "connecting or syncing" : "not contacted by this server process yet";
        var result = new AccountStatusResult(
            a.Name, status.Server, connection, a.BackgroundState, sync, Report(status.LastReport),
            status.Cache.Folders, status.Cache.Messages, status.Cache.MessagesWithBody, status.Cache.BytesOnDisk,
            status.Cache.OldestMessage, status.Cache.NewestMessage, a.LastError, a.LastErrorAt, freshness);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder()
            .Append(c, $"Account '{a.Name}' ({status.Server}): connection {connection}; background sync {a.BackgroundState}.\n")
            .Append(c, $"Cache: {status.Cache.Messages:N0} messages in {status.Cache.Folders} folders, {status.Cache.MessagesWithBody:N0} with text bodies, {status.Cache.BytesOnDisk / 1048576.0:0.0} MB");
        if (status.Cache.OldestMessage is { } o && status.Cache.NewestMessage is { } n)
            text.Append(c, $", from {Render.Date(o)} to {Render.Date(n)}");
        text.Append(".\n");
        if (p is not null)
            text.Append(c, $"Syncing now: {ServedAccount.Describe(p)}.\n");
        if (status.LastReport is { } r)
            text.Append(c, $"Last sync in this process: {r.NewMessages:N0} new, {r.FlagUpdates:N0} flag changes, {r.Expunged:N0} removed, {r.Bodies:N0} bodies in {r.Elapsed.TotalSeconds:0.0} s.\n");
        text.Append(freshness.Summary);
        return ToolResult.Of(result, McpJsonContext.Default.AccountStatusResult, text.ToString());
    }

    [McpServerTool(Name = "sync_now", Title = "Sync now", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(SyncResult))]
    [Description("Brings the local cache up to date with the mail server now (new mail, flag changes, deletions, text bodies by policy) and reports progress while it runs. It only reads the mailbox: nothing on the server changes. If a background sync is running, waits for it and then syncs again. Usually unnecessary: the server syncs in the background and every answer says how fresh it is.")]
    public async Task<CallToolResult> SyncNowAsync(
        IProgress<ProgressNotificationValue> progress,
        [Description(AccountParameter)] string? account = null,
        [Description("Only these folders (full names as list_folders shows them); empty means every folder of the account.")] string[]? folders = null,
        [Description("Also download text bodies by the account's policy (default true); false is faster, headers only.")] bool bodies = true,
        CancellationToken cancellationToken = default)
    {
        var a = registry.Get(account);
        var names = new List<string>();
        foreach (var f in folders ?? [])
            names.Add(await a.ResolveFolderAsync(f, cancellationToken).ConfigureAwait(false));
        var report = await a.Account.SyncAsync(new SyncOptions { Folders = names, Bodies = bodies }, new SyncProgressReporter(progress), cancellationToken).ConfigureAwait(false);
        a.ClearFailure();
        var stats = await a.Account.Cache.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        var freshness = await a.FreshnessAsync(cancellationToken).ConfigureAwait(false);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Synced {report.Folders} folder(s) of '{a.Name}' in {report.Elapsed.TotalSeconds:0.0} s: {report.NewMessages:N0} new, {report.FlagUpdates:N0} flag changes, {report.Expunged:N0} removed, {report.Bodies:N0} bodies. The cache holds {stats.Messages:N0} messages.")
            + (report.Problems.Count > 0 ? $"\n{report.Problems.Count} message(s) could only be partly read: {string.Join("; ", report.Problems.Take(5))}" : "")
            + "\n" + freshness.Summary;
        return ToolResult.Of(new SyncResult(a.Name, Report(report)!, stats.Messages, freshness), McpJsonContext.Default.SyncResult, text);
    }

    [McpServerTool(Name = "load_mail", Title = "Load older or newer mail", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(LoadMailResult))]
    [Description("Loads a date range of mail into the cache (e.g. mail older than the account's header window), in batches with progress, text bodies by the account's body policy; days already complete are not fetched again. Answers with the date ranges each folder now holds in full: search and the other tools see exactly those. It only reads the mailbox: nothing on the server changes.")]
    public async Task<CallToolResult> LoadMailAsync(
        IProgress<ProgressNotificationValue> progress,
        [Description("Start of the range (whole UTC days): a date such as 2024-03-01 or a period back from now such as 1y.")] string after,
        [Description("End of the range (exclusive, whole UTC days): a date or a period back from now; empty means up to now.")] string? before = null,
        [Description("Only this folder (name as list_folders shows it); empty means every folder.")] string? folder = null,
        [Description(AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default)
    {
        var a = registry.Get(account);
        var now = registry.Time.GetUtcNow();
        // Whole UTC days, as the cache keeps them (IMAP SEARCH SINCE/BEFORE compare dates only).
        var from = Day(Inputs.Since(after, "1y", registry.Time, "after"));
        if (from > now)
            throw new McpException($"after ({from.UtcDateTime:yyyy-MM-dd}) is in the future, so there is nothing to load. Give a past date such as 2024-03-01 or a period back from now such as 6m.");
        DateTimeOffset? to = null;
        if (!string.IsNullOrWhiteSpace(before))
        {
            var end = Inputs.Since(before, "", registry.Time, "before");
            to = Day(end) == end ? end : Day(end).AddDays(1);
            if (to <= from)
                throw new McpException($"before ({to.Value.UtcDateTime:yyyy-MM-dd}) must be later than after ({from.UtcDateTime:yyyy-MM-dd}); the range is [after, before). Swap them, or leave before empty to load up to now.");
        }

        var folderName = string.IsNullOrWhiteSpace(folder) ? null : await a.ResolveFolderAsync(folder, cancellationToken).ConfigureAwait(false);

        var options = new SyncOptions { Since = from, Before = to, Folders = folderName is null ? [] : [folderName] };
        var report = await a.Account.SyncAsync(options, new SyncProgressReporter(progress), cancellationToken).ConfigureAwait(false);
        a.ClearFailure();
        var c = CultureInfo.InvariantCulture;
        var range = $"after:{from.UtcDateTime.ToString("yyyy-MM-dd", c)}"
            + (to is { } t ? $" before:{t.UtcDateTime.ToString("yyyy-MM-dd", c)}" : "")
            + (folderName is null ? "" : $" folder:\"{folderName}\"");
        var inRange = (await a.Account.Queries.SearchAsync(range, new QueryOptions { Limit = 1 }, cancellationToken).ConfigureAwait(false)).Total;
        var withoutBody = (await a.Account.Queries.SearchAsync(range + " -has:body", new QueryOptions { Limit = 1 }, cancellationToken).ConfigureAwait(false)).Total;
        var folders = (await a.FoldersAsync(cancellationToken).ConfigureAwait(false))
            .Where(f => folderName is null || f.Name == folderName)
            .Select(f => new FolderRanges(f.Name, f.Ranges.Select(r => new DateSpan(r.Since, r.Before)).ToList()))
            .ToList();

        var freshness = await a.FreshnessAsync(cancellationToken).ConfigureAwait(false);
        var result = new LoadMailResult(a.Name, range, Report(report)!, inRange, withoutBody, folders, freshness);
        var text = new StringBuilder()
            .Append(c, $"Loaded {report.NewMessages:N0} new message(s) and {report.Bodies:N0} bodies in {report.Elapsed.TotalSeconds:0.0} s; ")
            .Append(c, $"{inRange:N0} messages are cached from {Span(from, to)}{(folderName is null ? "" : " in " + folderName)}")
            .Append(withoutBody > 0 ? string.Create(c, $", {withoutBody:N0} of them without a text body by the body policy (get_message downloads one on demand).") : ".")
            .Append("\nDates each folder holds in full (search sees exactly these):");
        foreach (var f in folders)
            text.Append("\n- ").Append(f.Folder).Append(": ").Append(f.Complete.Count == 0 ? "nothing yet" : string.Join(", ", f.Complete.Select(r => Span(r.Since, r.Before))));
        if (report.Problems.Count > 0)
            text.Append(c, $"\n{report.Problems.Count} message(s) could only be partly read: {string.Join("; ", report.Problems.Take(5))}");
        text.Append('\n').Append(freshness.Summary);
        return ToolResult.Of(result, McpJsonContext.Default.LoadMailResult, text.ToString());
    }

    internal static LastSyncReport? Report(SyncReport? r) =>
        r is null ? null : new LastSyncReport(r.Folders, r.NewMessages, r.FlagUpdates, r.Expunged, r.Bodies, r.FolderResets, r.Retries, r.Problems.Take(50).ToList(), Math.Round(r.Elapsed.TotalSeconds, 3));

    private static DateTimeOffset Day(DateTimeOffset t) => new(t.UtcDateTime.Date, TimeSpan.Zero);

    private static string Span(DateTimeOffset? since, DateTimeOffset? before) =>
        since is null && before is null ? "every date"
        : (since is { } s ? s.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "the first message")
          + " to " + (before is { } b ? b.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " (exclusive)" : "now");
}
