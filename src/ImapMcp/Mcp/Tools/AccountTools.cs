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
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{registry.Accounts.Count} account(s); write tools are {(registry.Options.Write ? "enabled" : "disabled (read-only server)")}."));
        foreach (var a in registry.Accounts)
        {
            var s = a.Account.Settings;
            var freshness = await a.FreshnessAsync(cancellationToken).ConfigureAwait(false);
            var bodies = s.Bodies.Mode.ToString().ToLowerInvariant() + (s.Bodies.Days > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({s.Bodies.Days} days)") : "");
            list.Add(new AccountInfo(s.Name, $"{s.Host}:{s.Port}", s.UserName, s.Addresses, s.CachePath, bodies, a.BackgroundState, freshness));
            text.Append('\n').Append(CultureInfo.InvariantCulture, $"- {s.Name}: {s.UserName} at {s.Host}:{s.Port}, addresses {string.Join(", ", s.Addresses)}; background sync {a.BackgroundState}. {freshness.Summary}");
        }

        return ToolResult.Of(new AccountList(list, registry.Options.Write), McpJsonContext.Default.AccountList, text.ToString());
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
    [Description("Makes a date range fully readable from the cache: syncs the folders (new and changed mail), then downloads the text bodies the body policy left on the server for messages in the range (e.g. mail older than a 90-day body window), with progress. It only reads the mailbox: nothing on the server changes.")]
    public async Task<CallToolResult> LoadMailAsync(
        IProgress<ProgressNotificationValue> progress,
        [Description("Start of the range: a date such as 2024-03-01 or a period back from now such as 1y.")] string after,
        [Description("End of the range (exclusive): a date or a period back from now; empty means now.")] string? before = null,
        [Description("Only this folder (name as list_folders shows it); empty means every folder.")] string? folder = null,
        [Description("Most bodies to download in this call, 1 to 1000 (each is one fetch from the server; call again to continue).")] int maxBodies = 100,
        [Description(AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default)
    {
        var a = registry.Get(account);
        var from = Inputs.Since(after, "1y", registry.Time, "after");
        var to = string.IsNullOrWhiteSpace(before) ? registry.Time.GetUtcNow() : Inputs.Since(before, "", registry.Time, "before");
        if (to <= from)
            throw new McpException($"before ({Render.Date(to)}) must be later than after ({Render.Date(from)}).");
        Inputs.Limit(maxBodies, 1000, "maxBodies");
        var folderName = string.IsNullOrWhiteSpace(folder) ? null : await a.ResolveFolderAsync(folder, cancellationToken).ConfigureAwait(false);

        var report = await a.Account.SyncAsync(new SyncOptions { Folders = folderName is null ? [] : [folderName] }, new SyncProgressReporter(progress), cancellationToken).ConfigureAwait(false);
        a.ClearFailure();
        var c = CultureInfo.InvariantCulture;
        var range = $"after:{from.UtcDateTime.ToString("yyyy-MM-dd", c)}"
            + (string.IsNullOrWhiteSpace(before) ? "" : $" before:{to.UtcDateTime.ToString("yyyy-MM-dd", c)}")
            + (folderName is null ? "" : $" folder:\"{folderName}\"");
        var inRange = (await a.Account.Queries.SearchAsync(range, new QueryOptions { Limit = 1 }, cancellationToken).ConfigureAwait(false)).Total;
        var missing = await a.Account.Queries.SearchAsync(range + " -has:body", new QueryOptions { Limit = maxBodies, Sort = SearchSort.Newest }, cancellationToken).ConfigureAwait(false);
        var downloaded = 0;
        foreach (var m in missing.Messages)
        {
            var loaded = await a.Account.LoadMessageAsync(m.Key, cancellationToken).ConfigureAwait(false);
            if (loaded?.BodyAvailable == true)
                downloaded++;
            progress.Report(new ProgressNotificationValue { Progress = downloaded, Total = missing.Messages.Count, Message = $"bodies {downloaded}/{missing.Messages.Count}" });
        }

        var freshness = await a.FreshnessAsync(cancellationToken).ConfigureAwait(false);
        var still = missing.Total - downloaded;
        var result = new LoadMailResult(a.Name, range, Report(report)!, inRange, missing.Total, downloaded, still, freshness);
        var text = string.Create(c, $"{inRange:N0} messages are cached between {Render.Date(from)} and {Render.Date(to)}{(folderName is null ? "" : " in " + folderName)}; {missing.Total:N0} lacked a text body, {downloaded:N0} downloaded now")
            + (still > 0 ? string.Create(c, $", {still:N0} still missing (call again to continue).") : ".")
            + string.Create(c, $" The sync before it found {report.NewMessages:N0} new messages.\n") + freshness.Summary;
        return ToolResult.Of(result, McpJsonContext.Default.LoadMailResult, text);
    }

    internal static LastSyncReport? Report(SyncReport? r) =>
        r is null ? null : new LastSyncReport(r.Folders, r.NewMessages, r.FlagUpdates, r.Expunged, r.Bodies, r.FolderResets, r.Retries, r.Problems.Take(50).ToList(), Math.Round(r.Elapsed.TotalSeconds, 3));
}
