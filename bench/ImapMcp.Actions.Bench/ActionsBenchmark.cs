using System.Diagnostics;
using System.Globalization;
using ImapMcp.Mail;
using ImapMcp.Mail.Actions;
using ImapMcp.Mail.Configuration;
using MailKit;
using TestHarness.Dovecot;
using TestHarness.Mail;

namespace ImapMcp.Actions.Bench;

/// <summary>
/// One Dovecot with a generated mailbox and two folders of N copied messages each. Per round: a raw MailKit
/// <c>MoveToAsync</c> of all N UIDs (the baseline: one client, no plan, no journal, no cache) and the engine's plan
/// (dry run over a query, apply in batches of 500 with journal and cache updates), then both moved back.
/// </summary>
internal static class ActionsBenchmark
{
    public const string Usage = """
        Usage: ./run bench Actions [-- --messages N (3000)] [--rounds R (3)] [--mailbox M (10000 generated messages)]
        Moves N messages with the engine's plan (dry run + apply + undo) and with a raw MailKit MOVE, R rounds, one Dovecot.
        """;

    public static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }

    public static async Task RunAsync(int count, int rounds, int size, CancellationToken cancellationToken)
    {
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        Console.WriteLine($"imap-mcp actions benchmark: {count:N0} messages per move, {rounds} rounds, {size:N0}-message generated mailbox; load before {string.Join(' ', load)}; {Environment.ProcessorCount} cores");
        var mailbox = MailboxGenerator.Generate(new MailboxSpec { Count = size, Seed = 5, Now = DateTimeOffset.UtcNow });
        await using var dovecot = await DovecotServer.StartAsync(cancellationToken: cancellationToken);
        await dovecot.LoadAsync(mailbox, cancellationToken);
        foreach (var folder in new[] { "Bench/Raw", "Bench/RawDone", "Bench/Plan", "Bench/PlanDone" })
            await dovecot.CreateFolderAsync(folder, cancellationToken);
        await FillAsync(dovecot, "Bench/Raw", count, cancellationToken);
        await FillAsync(dovecot, "Bench/Plan", count, cancellationToken);

        var directory = Path.Combine(Path.GetTempPath(), "imap-mcp-actions-bench-" + Guid.NewGuid().ToString("N"));
        var settings = MailConfiguration.Parse($$"""
            { "accounts": [ { "name": "bench", "host": "127.0.0.1", "port": {{dovecot.Port}}, "security": "none",
                              "username": "{{dovecot.UserName}}", "addresses": ["{{mailbox.OwnerAddresses[0]}}"],
                              "bodies": "none", "cache": "{{directory}}/bench.db" } ] }
            """).Accounts[0];
        // The password through the environment, as on a headless machine: the benchmark measures actions, not a keychain.
        Environment.SetEnvironmentVariable(ImapMcp.Mail.Secrets.AccountPasswords.EnvironmentVariable(settings), dovecot.Password);
        try
        {
            using var account = await MailAccount.OpenAsync(settings, null, TimeProvider.System, cancellationToken: cancellationToken);
            var synced = Stopwatch.StartNew();
            await account.SyncAsync(null, null, cancellationToken);
            Console.WriteLine($"setup: loaded and synced {size + 2 * count:N0} messages (sync {synced.Elapsed.TotalSeconds:0.0} s)");

            var raw = new List<double>();
            var dry = new List<double>();
            var apply = new List<double>();
            var undo = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                raw.Add(await RawMoveAsync(dovecot, "Bench/Raw", "Bench/RawDone", count, cancellationToken));
                await RawMoveAsync(dovecot, "Bench/RawDone", "Bench/Raw", count, cancellationToken);

                var watch = Stopwatch.StartNew();
                var plan = await account.Actions.PlanAsync(MessageAction.MoveTo("Bench/PlanDone"), "in:Bench/Plan", cancellationToken);
                dry.Add(watch.Elapsed.TotalMilliseconds);
                if (plan.Count != count)
                    throw new InvalidOperationException($"The dry run found {plan.Count} messages, not {count}.");
                watch.Restart();
                var result = await account.Actions.ApplyAsync(plan.Id, cancellationToken: cancellationToken);
                apply.Add(watch.Elapsed.TotalMilliseconds);
                if (result.Done != count || (await dovecot.StatusAsync("Bench/PlanDone", cancellationToken)).Messages != count)
                    throw new InvalidOperationException($"The plan moved {result.Done} messages, not {count}.");
                watch.Restart();
                await account.Actions.UndoAsync(plan.Id, null, cancellationToken);
                undo.Add(watch.Elapsed.TotalMilliseconds);
                Console.WriteLine($"round {round}: raw MOVE {raw[^1]:N0} ms; plan dry run {dry[^1]:N0} ms + apply {apply[^1]:N0} ms = {dry[^1] + apply[^1]:N0} ms; undo {undo[^1]:N0} ms");
            }

            Console.WriteLine();
            Console.WriteLine($"| step ({count:N0} messages, median of {rounds}) | ms | messages/s |");
            Console.WriteLine("|---|---:|---:|");
            Row("raw MailKit MoveToAsync (baseline, one UID MOVE set)", raw, count);
            Row("engine dry run (query → plan stored with UIDs)", dry, count);
            Row("engine apply (UID MOVE ×6 batches, journal + cache per batch)", apply, count);
            Row("engine dry run + apply", dry.Zip(apply, (a, b) => a + b).ToList(), count);
            Row("engine undo (move back from COPYUID)", undo, count);
            Console.WriteLine($"load after: {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3])}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Row(string name, List<double> values, int count)
    {
        var median = values.Order().ElementAt(values.Count / 2);
        Console.WriteLine($"| {name} | {median:N0} | {count / (median / 1000):N0} |");
    }

    /// <summary>Copies the first <paramref name="count"/> messages of the mailbox's folders into <paramref name="target"/>.</summary>
    private static async Task FillAsync(DovecotServer dovecot, string target, int count, CancellationToken cancellationToken)
    {
        using var client = await dovecot.ConnectAsync(cancellationToken: cancellationToken);
        var destination = await client.GetFolderAsync(target, cancellationToken);
        var left = count;
        foreach (var name in await dovecot.ListFoldersAsync(cancellationToken))
        {
            if (left == 0 || name.StartsWith("Bench", StringComparison.Ordinal))
                continue;
            var folder = await client.GetFolderAsync(name, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
            var take = Math.Min(left, folder.Count);
            if (take > 0)
            {
                var uids = await folder.SearchAsync(MailKit.Search.SearchQuery.All, cancellationToken);
                await folder.CopyToAsync(uids.Take(take).ToList(), destination, cancellationToken);
                left -= take;
            }

            await folder.CloseAsync(false, cancellationToken);
        }

        if (left > 0)
            throw new InvalidOperationException($"The mailbox holds fewer than {count} messages; raise --mailbox.");
    }

    private static async Task<double> RawMoveAsync(DovecotServer dovecot, string from, string to, int count, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var client = await dovecot.ConnectAsync(cancellationToken: cancellationToken);
        var source = await client.GetFolderAsync(from, cancellationToken);
        var destination = await client.GetFolderAsync(to, cancellationToken);
        await source.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var uids = await source.SearchAsync(MailKit.Search.SearchQuery.All, cancellationToken);
        var map = await source.MoveToAsync(uids, destination, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (map.Count != count)
            throw new InvalidOperationException($"The raw MOVE moved {map.Count} messages, not {count}.");
        return elapsed;
    }
}
