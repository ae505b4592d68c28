using System.Globalization;
using ImapMcp.Mail.Query;
using ImapMcp.Mail.Sync;

namespace ImapMcp.Cli;

internal sealed partial class CliApp
{
    private async Task<int> SyncAsync(CliArguments cli, CancellationToken cancellationToken)
    {
        var json = cli.Flag("json");
        // The range is checked before the account opens, so a bad date changes nothing (not even creates the cache).
        var range = QueryDatesCli.SyncRange(cli.Option("since"), cli.Option("before"), _time.GetUtcNow());
        var options = new SyncOptions { Bodies = !cli.Flag("no-bodies"), Folders = cli.Options("folder"), Since = range?.Since, Before = range?.Before };
        using var account = await OpenAsync(cli, needsSecrets: true, cancellationToken).ConfigureAwait(false);
        cli.RejectUnknown();

        var bar = json ? null : new ProgressBar(_error, _interactive);
        var report = await account.SyncAsync(options, bar, cancellationToken).ConfigureAwait(false);
        bar?.Finish();
        if (json)
        {
            await WriteJsonAsync(report, CliJsonContext.Default.SyncReport).ConfigureAwait(false);
            return 0;
        }

        var stats = await account.Cache.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        var extra = (report.FolderResets > 0 ? $", {report.FolderResets} folder(s) rebuilt (UIDVALIDITY changed)" : "")
            + (report.Retries > 0 ? $", {report.Retries} reconnect(s)" : "");
        await _out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Synced {report.Folders} folders in {report.Elapsed.TotalSeconds:0.0} s: {report.NewMessages} new, {report.FlagUpdates} flag changes, {report.Expunged} removed, {report.Bodies} bodies{extra}. The cache holds {stats.Messages} messages ({stats.BytesOnDisk / 1048576.0:0.0} MB).")).ConfigureAwait(false);
        if (range is { } r)
        {
            var query = $"after:{QueryDatesCli.Text(r.Since)}" + (r.Before is { } b ? $" before:{QueryDatesCli.Text(b)}" : "");
            var cached = await account.Queries.SearchAsync(query, new QueryOptions { Limit = 1 }, cancellationToken).ConfigureAwait(false);
            var to = r.Before is { } end ? QueryDatesCli.Text(end) + " (exclusive)" : "now";
            await _out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{cached.Total} messages are cached from {QueryDatesCli.Text(r.Since)} to {to}; search them with '{query}'.")).ConfigureAwait(false);
        }

        foreach (var problem in report.Problems.Take(20))
            await _error.WriteLineAsync("  warning: " + problem).ConfigureAwait(false);
        return 0;
    }

    private async Task<int> FoldersAsync(CliArguments cli, CancellationToken cancellationToken)
    {
        var json = cli.Flag("json");
        using var account = await OpenAsync(cli, needsSecrets: false, cancellationToken).ConfigureAwait(false);
        cli.RejectUnknown();
        var folders = await account.Queries.GetFoldersAsync(cancellationToken).ConfigureAwait(false);
        if (json)
        {
            await WriteJsonAsync(folders, CliJsonContext.Default.IReadOnlyListFolderSummary).ConfigureAwait(false);
            return 0;
        }

        if (folders.Count == 0)
        {
            await _out.WriteLineAsync("The cache is empty: run 'imap-mcp sync' first.").ConfigureAwait(false);
            return 0;
        }

        var table = new Table("FOLDER", "ROLE", "MESSAGES", "UNREAD", "ON SERVER", "LAST SYNC");
        foreach (var f in folders)
        {
            table.Add(f.Name, f.Role == Mail.Configuration.FolderRole.None ? "" : f.Role.ToString().ToLowerInvariant(),
                f.Messages.ToString(CultureInfo.InvariantCulture), f.Unread.ToString(CultureInfo.InvariantCulture),
                f.ServerMessages.ToString(CultureInfo.InvariantCulture), f.LastSynced is { } t ? Date(t) : "never");
        }

        table.WriteTo(_out);
        return 0;
    }
}
