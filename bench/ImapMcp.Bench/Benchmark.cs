using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using TestHarness.Dovecot;
using TestHarness.Mail;

namespace ImapMcp.Bench;

/// <summary>
/// Runs every measurement of issue 3's benchmark list on one generated mailbox in one private Dovecot, each next to a
/// baseline measured in the same run, and writes the table.
/// </summary>
internal static class Benchmark
{
    private static readonly DateTimeOffset Now = new(2026, 4, 25, 19, 51, 45, TimeSpan.FromHours(2));

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var report = new Report();
        var total = Stopwatch.StartNew();
        var root = FindRoot();
        var output = options.Output ?? Path.Combine(root, "artifacts", "bench", "imap-mcp.md");
        var work = Path.Combine(options.CacheDirectory ?? Path.GetTempPath(), "imap-mcp-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var loadBefore = Load();
        var engine = EngineRevision(root); // now, not at the end: the engine's owner may commit while this runs

        Step($"Generating {options.Messages:N0} messages (seed {options.Seed})");
        var clock = Stopwatch.StartNew();
        var mailbox = MailboxGenerator.Generate(new MailboxSpec { Count = options.Messages, Seed = options.Seed, Now = Now });
        Info($"generated in {Report.Seconds(clock.Elapsed)}");

        try
        {
            await using var dovecot = await DovecotServer.StartAsync(new DovecotOptions(), cancellationToken);
            Step("Loading into Dovecot (Maildir + doveadm force-resync)");
            var load = await dovecot.LoadAsync(mailbox, cancellationToken);
            Info(load.ToString());

            var child = new Child(dovecot, mailbox, work, cancellationToken);
            if (options.SyncOnly)
            {
                await MeasureSyncAsync(dovecot, mailbox, child, work, cancellationToken);
                return 0;
            }

            await MeasureAsync(options, report, dovecot, mailbox, child, work, cancellationToken);

            report.Header.InsertRange(0,
            [
                $"Command: `{string.Join(' ', new[] { "./run bench ImapMcp" }.Concat(Environment.GetCommandLineArgs().Skip(1)))}`",
                $"Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; whole run {Report.Seconds(total.Elapsed)}",
                $"Data: {mailbox.Messages.Count:N0} generated messages (seed {options.Seed}), {load.Bytes / 1e6:N0} MB of Maildir in {mailbox.Folders.Count(f => f.Count > 0)} non-empty folders on tmpfs (/dev/shm); engine cache on {(options.CacheDirectory is null ? "the system temp folder (disk)" : options.CacheDirectory)}",
                $"Machine: {Environment.ProcessorCount} cores, {Report.Megabytes(MemTotal())} RAM, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; shared with other engineers' builds during the run (load average {loadBefore} at the start, {Load()} at the end)",
                $"Servers: {Version("dovecot", "--version")}, {Version("notmuch", "--version")}",
                $"Engine: {engine} (built just before the run)",
            ]);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (options.KeepWork)
                Info($"kept the engine's caches in {work}");
            else
                TryDelete(work);
        }

        Console.WriteLine();
        Console.WriteLine(report.ToConsole());
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, report.ToMarkdown(), cancellationToken);
        Console.WriteLine($"Markdown fragment: {output}");
        return 0;
    }

    /// <summary>The sync figures alone, printed as they come: what a change to the sync engine is judged by first.</summary>
    private static async Task MeasureSyncAsync(DovecotServer dovecot, GeneratedMailbox mailbox, Child child, string work, CancellationToken ct)
    {
        var port = dovecot.Port.ToString(CultureInfo.InvariantCulture);
        var small = mailbox.Folders.Where(f => f.Count > 0).MinBy(f => f.Count)!.Name;
        var items = await FetchItemsCapture.CaptureAsync(BenchAccount.Settings(port, dovecot.UserName, mailbox.OwnerAddresses, Path.Combine(work, "capture.db"), true, false), dovecot.Password, small, ct);
        Step("Warm: raw UID FETCH 1:* per folder ×2");
        for (var i = 0; i < 2; i++)
            Info((await RawFetchAsync(dovecot, items, ct)).ToString());
        Step("Warm: engine header sync ×2 in one process, a fresh cache each");
        var warm = await child.SyncAsync("headers-warm", bodies: false, repeat: 2, fresh: true);
        Info(string.Join(", ", Enumerable.Range(0, 2).Select(i => $"{Report.Seconds(warm.Duration($"sync.{i}.ms"))} (CPU {Report.Seconds(warm.Duration($"sync.{i}.cpu_ms"))})")) + $", peak RSS {Report.Megabytes(warm.Number("peak_rss"))}");
        Step("Full sync: headers + text bodies + FTS index, fresh cache");
        var full = await child.SyncAsync("full", bodies: true);
        Info($"{Report.Seconds(full.Duration("sync.0.ms"))} (headers {Report.Seconds(full.Duration("sync.0.headers_ms"))}, CPU {Report.Seconds(full.Duration("sync.0.cpu_ms"))}), {full["sync.0.bodies"]} bodies, {full["sync.0.problems"]} problems");
        foreach (var when in new[] { "idle", "idle_after_gc" })
            Info($"{when}: RSS {Report.Megabytes(full.Number(when == "idle" ? "idle_rss" : "idle_rss_after_gc"))} (GC heap {Report.Megabytes(full.Number(when + "_gc_heap"))}, committed {Report.Megabytes(full.Number(when + "_gc_committed"))}; SQLite {Report.Megabytes(full.Number(when + "_sqlite"))})");
        Info($"peak RSS {Report.Megabytes(full.Number("peak_rss"))}");
        Step("Encryption on: full sync, fresh cache");
        var encrypted = await child.SyncAsync("encrypted", bodies: true, encrypt: true);
        Info(encrypted["encrypt_unavailable"] ?? $"{Report.Seconds(encrypted.Duration("sync.0.ms"))} (headers {Report.Seconds(encrypted.Duration("sync.0.headers_ms"))}, CPU {Report.Seconds(encrypted.Duration("sync.0.cpu_ms"))}), peak RSS {Report.Megabytes(encrypted.Number("peak_rss"))}");
        Step("Last 3 months: \"headers\": \"3m\", bodies of those, fresh cache");
        Info(await RecentAsync(child));
    }

    /// <summary>A first sync of an account that keeps only the last 3 months (`"headers": "3m"`): time and memory.</summary>
    private static async Task<string> RecentAsync(Child child)
    {
        var recent = await child.SyncAsync("recent", bodies: true, headers: "3m");
        return $"Last 3 months (`\"headers\": \"3m\"`, bodies of those; fresh cache, clock at the generator's now): {recent["sync.0.new"]} messages and {recent["sync.0.bodies"]} bodies in " +
            $"{Report.Seconds(recent.Duration("sync.0.ms"))} (headers {Report.Seconds(recent.Duration("sync.0.headers_ms"))}, CPU {Report.Seconds(recent.Duration("sync.0.cpu_ms"))}); " +
            $"peak RSS {Report.Megabytes(recent.Number("peak_rss"))}, idle {Report.Megabytes(recent.Number("idle_rss"))}; cache {Report.Megabytes(recent.Number("cache_bytes"))}.";
    }

    private static async Task MeasureAsync(BenchOptions options, Report report, DovecotServer dovecot, GeneratedMailbox mailbox, Child child, string work, CancellationToken ct)
    {
        var port = dovecot.Port.ToString(CultureInfo.InvariantCulture);

        Step("Learning the engine's header FETCH items (engine sync of one small folder with a protocol log)");
        var small = mailbox.Folders.Where(f => f.Count > 0).MinBy(f => f.Count)!.Name;
        var items = await FetchItemsCapture.CaptureAsync(BenchAccount.Settings(port, dovecot.UserName, mailbox.OwnerAddresses, Path.Combine(work, "capture.db"), true, false), dovecot.Password, small, ct);
        Info("UID FETCH 1:* " + items);
        report.Detail($"Header items (as the engine sends them, captured from its protocol log): `UID FETCH … {items}`");

        // Cold: Dovecot's cache file (dovecot.index.cache) deleted before each side, so both parse every message file.
        Step("Cold: raw UID FETCH 1:* per folder, Dovecot cache deleted");
        await ResetDovecotCacheAsync(dovecot, ct);
        var rawCold = await RawFetchAsync(dovecot, items, ct);
        Info(rawCold.ToString());
        Step("Cold: engine header sync (fresh cache, Dovecot cache deleted)");
        await ResetDovecotCacheAsync(dovecot, ct);
        var engineCold = await child.SyncAsync("headers-cold", bodies: false);
        Info($"{Report.Seconds(engineCold.Duration("sync.0.ms"))}, {engineCold["sync.0.new"]} messages, peak RSS {Report.Megabytes(engineCold.Number("peak_rss"))}");

        Step("Warm: raw UID FETCH 1:* per folder ×3");
        var rawWarm = new List<RawFetch>();
        for (var i = 0; i < 3; i++)
        {
            rawWarm.Add(await RawFetchAsync(dovecot, items, ct));
            Info(rawWarm[^1].ToString());
        }

        var warmRuns = options.Quick ? 3 : 2;
        Step($"Warm: engine header sync ×{warmRuns} in one process, a fresh cache each (the first includes JIT start-up)");
        var engineWarm = await child.SyncAsync("headers-warm", bodies: false, repeat: warmRuns, fresh: true);
        var warmTimes = Enumerable.Range(0, warmRuns).Select(i => engineWarm.Duration($"sync.{i}.ms")).ToList();
        Info(string.Join(", ", warmTimes.Select(Report.Seconds)));

        var batch = new ImapMcp.Mail.Sync.SyncOptions().HeaderBatchSize;
        Step($"Warm: MailKit FetchAsync of the same items in the engine's {batch:N0}-message batches, no storage ×2");
        var mailkit = new List<(int Messages, TimeSpan Wall, TimeSpan Cpu)>();
        for (var i = 0; i < 2; i++)
        {
            mailkit.Add(await MailKitFetch.RunAsync(dovecot, FetchItemsCapture.ToRequest(items), batch, ct));
            Info($"{mailkit[^1].Messages:N0} messages, {Report.Seconds(mailkit[^1].Wall)}, client CPU {Report.Seconds(mailkit[^1].Cpu)}");
        }

        // With the default body policy ("all") the full sync's header phase may leave BODYSTRUCTURE out (attachments come from the bodies).
        var itemsWithoutStructure = items.Replace(" BODYSTRUCTURE", "", StringComparison.Ordinal);
        Step("Warm: raw UID FETCH 1:* per folder without BODYSTRUCTURE ×2 (the default full sync's header items)");
        var rawNoStructure = new List<RawFetch>();
        for (var i = 0; i < 2; i++)
        {
            rawNoStructure.Add(await RawFetchAsync(dovecot, itemsWithoutStructure, ct));
            Info(rawNoStructure[^1].ToString());
        }

        Step("Raw floor for bodies: UID FETCH 1:* (UID BODY.PEEK[]) per folder");
        var rawBodies = await RawFetchAsync(dovecot, "(UID BODY.PEEK[])", ct);
        Info(rawBodies.ToString());

        Step("Full sync: headers + text bodies + FTS index, fresh cache");
        var full = await child.SyncAsync("full", bodies: true);
        Info($"{Report.Seconds(full.Duration("sync.0.ms"))} (headers {Report.Seconds(full.Duration("sync.0.headers_ms"))}), {full["sync.0.bodies"]} bodies, peak RSS {Report.Megabytes(full.Number("peak_rss"))}");

        Step("Last 3 months: \"headers\": \"3m\", bodies of those, fresh cache");
        var recentLine = await RecentAsync(child);
        Info(recentLine);
        report.Detail(recentLine);

        Step("No-change resync ×5 in one process (the first is what `imap-mcp sync` would show)");
        var resync = await child.SyncAsync("full", bodies: true, repeat: 5);
        var resyncTimes = Enumerable.Range(0, 5).Select(i => resync.Number($"sync.{i}.ms")).ToList();
        // CPU of the engine process, comparable across runs even on a loaded machine (wall time waits for the cores).
        var resyncCpu = Enumerable.Range(0, 5).Select(i => resync.Number($"sync.{i}.cpu_ms")).ToList();
        Info(string.Join(", ", resyncTimes.Select(Report.Millis)) + "; CPU " + string.Join(", ", resyncCpu.Select(Report.Millis)));

        Step("Queries over the full cache");
        var shapes = QueryShape.For(mailbox);
        var queryFile = Path.Combine(work, "queries.tsv");
        await File.WriteAllLinesAsync(queryFile, shapes.Select(s => s.Name + "\t" + s.Engine), ct);
        var ieeeKey = $"{mailbox.IeeeInvitation.Invitation.Folder}:{mailbox.IeeeInvitation.Invitation.Uid}";
        var queries = await child.QueriesAsync("full", queryFile, options.Runs, ieeeKey);

        Step("Encryption on: full sync");
        var encrypted = await child.SyncAsync("encrypted", bodies: true, encrypt: true);
        var encryptNote = encrypted["encrypt_unavailable"];
        ChildResult? encryptedQueries = null;
        if (encryptNote is null)
            encryptedQueries = await child.QueriesAsync("encrypted", queryFile, options.Runs, ieeeKey, encrypt: true);
        Info(encryptNote ?? Report.Seconds(encrypted.Duration("sync.0.ms")));

        Notmuch? notmuch = null;
        var notmuchSearch = new Dictionary<string, (List<double> Samples, int Count)>(StringComparer.Ordinal);
        try
        {
            if (options.Notmuch)
            {
                Step($"notmuch: hard-linked copy of the Maildir{(options.NotmuchMessages is { } n && n < mailbox.Messages.Count ? $", {n:N0}-message subset" : "")}");
                notmuch = await Notmuch.PrepareAsync(dovecot.MaildirRoot, Path.GetDirectoryName(dovecot.MaildirRoot)!, options.NotmuchMessages, mailbox.OwnerAddresses, ct);
                Step($"notmuch new over {notmuch.Messages:N0} files");
                await notmuch.IndexAsync(ct);
                Info(Report.Seconds(notmuch.IndexTime));
                Step("notmuch search --limit=20, same shapes");
                foreach (var s in shapes)
                {
                    var (samples, _) = await notmuch.SearchAsync(s.Notmuch, options.Runs, ct);
                    notmuchSearch[s.Name] = (samples, await notmuch.CountAsync(s.Notmuch, ct));
                }
            }

            Summarize(report, options, mailbox, rawCold, engineCold, rawWarm, engineWarm, warmTimes, mailkit, rawNoStructure, rawBodies, full, resyncTimes, resyncCpu, shapes, queries, encrypted, encryptedQueries, notmuch, notmuchSearch);
        }
        finally
        {
            notmuch?.Dispose();
        }
    }

    private static void Summarize(
        Report report, BenchOptions options, GeneratedMailbox mailbox, RawFetch rawCold, ChildResult engineCold, List<RawFetch> rawWarm, ChildResult engineWarm, List<TimeSpan> warmTimes, List<(int Messages, TimeSpan Wall, TimeSpan Cpu)> mailkit, List<RawFetch> rawNoStructure,
        RawFetch rawBodies, ChildResult full, List<double> resyncTimes, List<double> resyncCpu, IReadOnlyList<QueryShape> shapes, ChildResult queries, ChildResult encrypted, ChildResult? encryptedQueries,
        Notmuch? notmuch, Dictionary<string, (List<double> Samples, int Count)> notmuchSearch)
    {
        var n = mailbox.Messages.Count;
        foreach (var r in new[] { engineCold, engineWarm, full })
        {
            if (r.Number("sync.0.new") != n)
                report.Note($"An engine sync stored {r["sync.0.new"]} messages, not {n:N0}: figures are suspect.");
        }

        if (rawCold.Messages != n)
            report.Note($"The raw fetch returned {rawCold.Messages:N0} messages, not {n:N0}.");

        // Header sync.
        var ec = engineCold.Duration("sync.0.ms");
        var coldRatio = ec / rawCold.Wall;
        report.Row("Initial header sync, Dovecot cache cold", $"{Report.Seconds(ec)} ({Report.Ratio(coldRatio)})", $"raw UID FETCH 1:* {Report.Seconds(rawCold.Wall)}", "≤ 1.5× raw", coldRatio <= 1.5);
        var ew = warmTimes.Min();
        var rw = rawWarm.Select(r => r.Wall).Min();
        var warmRatio = ew / rw;
        report.Row("Initial header sync, Dovecot cache warm (best of runs)", $"{Report.Seconds(ew)} ({Report.Ratio(warmRatio)})", $"raw UID FETCH 1:* {Report.Seconds(rw)}", "≤ 1.5× raw", warmRatio <= 1.5);
        var best = mailkit.MinBy(m => m.Wall);
        var warmCpu = Enumerable.Range(0, warmTimes.Count).Select(i => engineWarm.Duration($"sync.{i}.cpu_ms")).ToList();
        report.Row("Header fetch through MailKit only (same items and batches, no storage), warm", $"{Report.Seconds(ew)} engine", $"MailKit {Report.Seconds(best.Wall)} (client CPU {Report.Seconds(best.Cpu)})", "reference", null);
        report.Detail($"Where the warm header sync goes: raw {Report.Seconds(rw)} → MailKit parse {Report.Seconds(best.Wall)} → engine {Report.Seconds(ew)}; engine process CPU per warm run {string.Join(", ", warmCpu.Select(Report.Seconds))} (cold run {Report.Seconds(engineCold.Duration("sync.0.cpu_ms"))} CPU in {Report.Seconds(ec)}). On 2 shared cores, CPU-bound client work competes with Dovecot for the same cores.");
        report.Detail($"Header sync runs: engine cold {Report.Seconds(ec)}; engine warm {string.Join(", ", warmTimes.Select(Report.Seconds))} (one process, fresh cache each); raw cold {rawCold}; raw warm {string.Join("; ", rawWarm)}. Engine times are inside the child from SyncAsync start to end (connect, LIST, SELECT, SEARCH, FETCH, SQLite); raw times from connect to the last tagged OK.");

        // Full sync.
        var fs = full.Duration("sync.0.ms");
        var notmuchIndex = notmuch is null ? "not run" : $"notmuch new {Report.Seconds(notmuch.IndexTime)}{(notmuch.Messages < n ? $" over {notmuch.Messages:N0} messages (≈ {Report.Seconds(notmuch.IndexTime * n / notmuch.Messages)} scaled to {n:N0})" : "")}";
        report.Row("Full sync: headers + text bodies + FTS index", Report.Seconds(fs), $"{notmuchIndex}; raw UID FETCH 1:* BODY.PEEK[] {Report.Seconds(rawBodies.Wall)}", "≤ 60 s", fs <= TimeSpan.FromSeconds(60));
        var fh = full.Duration("sync.0.headers_ms");
        var rns = rawNoStructure.Select(r => r.Wall).Min();
        report.Row("Header phase of that full sync (default policy; BODYSTRUCTURE left out when all bodies follow), warm", $"{Report.Seconds(fh)} ({Report.Ratio(fh / rns)})", $"raw UID FETCH 1:* same items {Report.Seconds(rns)}", "≤ 1.5× raw", fh / rns <= 1.5);
        report.Detail($"Full sync CPU (engine process): {Report.Seconds(full.Duration("sync.0.cpu_ms"))} in {Report.Seconds(fs)} wall.");
        report.Detail($"Full sync: headers phase {Report.Seconds(full.Duration("sync.0.headers_ms"))}, bodies phase {Report.Seconds(fs - full.Duration("sync.0.headers_ms"))}, {full["sync.0.bodies"]} bodies, {full["sync.0.problems"]} problems logged; cache {Report.Megabytes(full.Number("cache_bytes"))}. Raw body floor: {rawBodies}.");

        // Resync.
        report.Row("No-change resync (first in a fresh process)", Report.Millis(resyncTimes[0]), "—", "≤ 1 s", resyncTimes[0] <= 1000);
        report.Detail($"No-change resync, 5 in one process: {string.Join(", ", resyncTimes.Select(Report.Millis))}; engine process CPU {string.Join(", ", resyncCpu.Select(Report.Millis))}.");

        // Search.
        var engineAll = new List<double>();
        var notmuchAll = new List<double>();
        foreach (var s in shapes)
        {
            var samples = queries.Samples("search." + s.Name);
            var warm = samples.Skip(1).ToList();
            engineAll.AddRange(warm);
            var e = new Percentiles(warm);
            var nm = notmuchSearch.TryGetValue(s.Name, out var x) ? x : default;
            var np = nm.Samples is { Count: > 0 } ? new Percentiles(nm.Samples) : null;
            if (nm.Samples is not null)
                notmuchAll.AddRange(nm.Samples);
            report.Shape(s.Name, $"`{s.Engine}`", $"{e.P50:0.0} / {e.P95:0.0} (first {samples[0]:0})", queries["search." + s.Name + ".total"] ?? "?",
                $"`{s.Notmuch}`", np is null ? "—" : $"{np.P50:0.0} / {np.P95:0.0}", nm.Samples is null ? "—" : nm.Count.ToString("N0", CultureInfo.InvariantCulture));
        }

        var ep = new Percentiles(engineAll);
        var np95 = notmuchAll.Count > 0 ? new Percentiles(notmuchAll) : null;
        report.Row($"Search, top 20, p95 over {shapes.Count} shapes × {options.Runs} runs", Report.Millis(ep.P95) + $" (p50 {Report.Millis(ep.P50)})",
            np95 is null ? "notmuch not run" : $"notmuch search {Report.Millis(np95.P95)} (p50 {Report.Millis(np95.P50)}){(notmuch!.Messages < n ? $" over {notmuch.Messages:N0} messages" : "")}",
            "≤ notmuch", np95 is null ? null : ep.P95 <= np95.P95);
        var ieeeRank = int.Parse(queries["ieee_rank"] ?? "-1", CultureInfo.InvariantCulture);
        var ieee = new Percentiles(queries.Samples("search." + QueryShape.FindIeee).Skip(1));
        report.Row("Find the IEEE invitation across all folders, one query", $"{Report.Millis(ieee.P95)} p95, {(ieeeRank >= 0 ? $"rank {ieeeRank + 1} of top 20" : "not in top 20")}",
            notmuchSearch.TryGetValue(QueryShape.FindIeee, out var ni) ? $"notmuch {Report.Millis(new Percentiles(ni.Samples).P95)} p95" : "—", "found", ieeeRank >= 0);

        // Unreplied and senders.
        var un = new Percentiles(queries.Samples("unreplied").Skip(1));
        var expected = mailbox.Unreplied.Unanswered.Count;
        report.Row("Unreplied, last 2 weeks", $"{Report.Millis(un.P95)} p95, {queries["unreplied.count"]} messages", $"generator: {expected} unanswered", "≤ 100 ms", un.P95 <= 100);
        var ts = new Percentiles(queries.Samples("top_senders").Skip(1));
        report.Row("Top senders, last 6 months", $"{Report.Millis(ts.P95)} p95", $"top: {queries["top_senders.first"]}", "≤ 200 ms", ts.P95 <= 200);
        report.Detail($"First (cold) call after opening the cache: unreplied {Report.Millis(queries.Samples("unreplied")[0])}, top senders {Report.Millis(queries.Samples("top_senders")[0])}, search shapes {string.Join(", ", shapes.Select(s => s.Name + " " + Report.Millis(queries.Samples("search." + s.Name)[0])))}.");

        // Memory.
        var syncPeak = Math.Max(full.Number("peak_rss"), engineCold.Number("peak_rss"));
        report.Row("Peak memory while syncing, encryption off (child process VmHWM)", Report.Megabytes(syncPeak), $"header-only sync {Report.Megabytes(engineCold.Number("peak_rss"))}", "≤ 300 MB", syncPeak <= 300 * 1048576.0);
        var idle = Math.Max(queries.Number("idle_rss"), full.Number("idle_rss"));
        report.Row("Memory idle, encryption off (VmRSS 2 s after the work)", Report.Megabytes(idle),
            $"after sync {Report.Megabytes(full.Number("idle_rss"))}, after queries {Report.Megabytes(queries.Number("idle_rss"))} (peak during queries {Report.Megabytes(queries.Number("peak_rss"))})", "≤ 150 MB", idle <= 150 * 1048576.0);
        report.Detail($"Idle RSS after a forced compacting GC: after sync {Report.Megabytes(full.Number("idle_rss_after_gc"))}, after queries {Report.Megabytes(queries.Number("idle_rss_after_gc"))}.");
        if (encrypted["encrypt_unavailable"] is { } why)
        {
            report.Row("Peak / idle memory, encryption on", "not available", "—", "≤ 300 / 150 MB", null);
            report.Note($"MailAccount.OpenAsync with \"encrypt\": true answered \"{why}\".");
        }
        else
        {
            // Encryption on next to off, same mailbox, same Dovecot state, same run.
            var ep2 = encrypted.Number("peak_rss");
            var ei = Math.Max(encrypted.Number("idle_rss"), encryptedQueries?.Number("idle_rss") ?? 0);
            report.Row("Peak / idle memory, encryption on", $"{Report.Megabytes(ep2)} / {Report.Megabytes(ei)}",
                $"encryption off {Report.Megabytes(full.Number("peak_rss"))} / {Report.Megabytes(idle)}", "≤ 300 / 150 MB", ep2 <= 300 * 1048576.0 && ei <= 150 * 1048576.0);
            var on = encrypted.Duration("sync.0.ms");
            var off = full.Duration("sync.0.ms");
            report.Row("Full sync, encryption on (headers + bodies + index)", $"{Report.Seconds(on)} (headers {Report.Seconds(encrypted.Duration("sync.0.headers_ms"))})",
                $"encryption off {Report.Seconds(off)} (headers {Report.Seconds(full.Duration("sync.0.headers_ms"))}): {Report.Ratio(on / off)}", "≤ 60 s", on.TotalSeconds <= 60);
            if (encryptedQueries is not null)
            {
                var es = new Percentiles(shapes.SelectMany(s => encryptedQueries.Samples("search." + s.Name).Skip(1)));
                report.Row($"Search, top 20, p95 over {shapes.Count} shapes, encryption on", Report.Millis(es.P95) + $" (p50 {Report.Millis(es.P50)})",
                    $"encryption off {Report.Millis(ep.P95)} (p50 {Report.Millis(ep.P50)})", np95 is null ? "—" : "≤ notmuch", np95 is null ? null : es.P95 <= np95.P95);
                var eu = new Percentiles(encryptedQueries.Samples("unreplied").Skip(1));
                var et = new Percentiles(encryptedQueries.Samples("top_senders").Skip(1));
                report.Row("Unreplied 2 weeks / top senders 6 months, encryption on", $"{Report.Millis(eu.P95)} / {Report.Millis(et.P95)} p95",
                    $"encryption off {Report.Millis(un.P95)} / {Report.Millis(ts.P95)}", "≤ 100 / 200 ms", eu.P95 <= 100 && et.P95 <= 200);
                var mismatched = shapes.Where(s => encryptedQueries["search." + s.Name + ".total"] != queries["search." + s.Name + ".total"])
                    .Select(s => $"{s.Name} {encryptedQueries["search." + s.Name + ".total"]} vs {queries["search." + s.Name + ".total"]}").ToList();
                report.Detail("Search shapes, encryption on vs off, p50 / p95 ms: " + string.Join(", ", shapes.Select(s =>
                {
                    var on = new Percentiles(encryptedQueries.Samples("search." + s.Name).Skip(1));
                    var off = new Percentiles(queries.Samples("search." + s.Name).Skip(1));
                    return $"{s.Name} {on.P50:0.0} / {on.P95:0.0} vs {off.P50:0.0} / {off.P95:0.0}";
                })) + ".");
                report.Detail(mismatched.Count == 0
                    ? "Encrypted cache: every search shape found the same number of messages as the plaintext cache."
                    : $"Encrypted cache: totals that differ from the plaintext cache (prefix terms become whole words): {string.Join(", ", mismatched)}.");
            }

            report.Detail($"Cache on disk: encryption on {Report.Megabytes(encrypted.Number("cache_bytes"))}, off {Report.Megabytes(full.Number("cache_bytes"))}.");
        }

        if (notmuch is not null && notmuch.Messages < n)
            report.Note($"notmuch indexed a {notmuch.Messages:N0}-message subset (every {(double)n / notmuch.Messages:0.#}th file of every folder) to fit the session; its search times are over that smaller index, which favours notmuch.");
        report.Note("Engine search times are in-process calls on an open cache (what the MCP server does); notmuch times are whole `notmuch search` processes (what its users run), so they include ~process start-up.");
    }

    private static async Task<RawFetch> RawFetchAsync(DovecotServer dovecot, string items, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var session = await RawImapSession.ConnectAsync(dovecot.Port, dovecot.UserName, dovecot.Password, ct);
        var folders = await session.ListAsync(ct);
        var messages = 0;
        long bytes = 0;
        var fetch = TimeSpan.Zero;
        foreach (var f in folders)
        {
            var (m, b, t) = await session.FetchAllAsync(f, items, ct);
            messages += m;
            bytes += b;
            fetch += t;
        }

        await session.LogoutAsync(ct);
        return new RawFetch(folders.Count, messages, bytes, fetch, clock.Elapsed);
    }

    /// <summary>Drops every connection and deletes Dovecot's per-folder cache files, so the next fetch parses every message file again.</summary>
    private static async Task ResetDovecotCacheAsync(DovecotServer dovecot, CancellationToken ct)
    {
        await dovecot.KickAllAsync(ct);
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(dovecot.MaildirRoot, "dovecot.index.cache", SearchOption.AllDirectories))
        {
            File.Delete(file);
            deleted++;
        }

        Info($"deleted {deleted} dovecot.index.cache files");
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Products.slnx")))
                    return dir.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static double MemTotal()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string Version(string tool, string argument)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(tool, argument) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            var text = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return tool + " " + text.Replace(tool, "", StringComparison.Ordinal).Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return tool + " (not installed)";
        }
    }

    /// <summary>The commit of src/ImapMcp.Mail this run was built from, and whether its working tree had changes.</summary>
    private static string EngineRevision(string root)
    {
        try
        {
            var log = Git(root, "log -1 --format=%h%x20%s -- src/ImapMcp.Mail");
            var dirty = Git(root, "status --porcelain -- src/ImapMcp.Mail").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            return $"`{log}`" + (dirty > 0 ? $" plus {dirty} uncommitted file(s) in src/ImapMcp.Mail" : "");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (no git)";
        }
    }

    private static string Git(string root, string arguments)
    {
        using var p = Process.Start(new ProcessStartInfo("git", arguments) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var text = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return text;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Step(string text) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {text}");

    private static void Info(string text) => Console.Error.WriteLine("    " + text);

    /// <summary>Starts engine children against this run's Dovecot, each with its own cache file under the work folder.</summary>
    private sealed class Child(DovecotServer dovecot, GeneratedMailbox mailbox, string work, CancellationToken ct)
    {
        public async Task<ChildResult> SyncAsync(string cache, bool bodies, int repeat = 1, bool encrypt = false, bool fresh = false, string? headers = null)
        {
            // A header window counts back from the generator's "now", as the user of that mailbox would see it.
            var window = headers is null ? [] : new[] { "--headers", headers, "--now", mailbox.Now.ToString("o", CultureInfo.InvariantCulture) };
            var result = await RunAsync(["sync", .. Common(cache, bodies, encrypt), "--repeat", repeat.ToString(CultureInfo.InvariantCulture), .. fresh ? new[] { "--fresh" } : [], .. window]);
            return result.ExitCode is 0 || (encrypt && result.ExitCode == 3) ? result : throw new InvalidOperationException($"The engine child (sync {cache}) failed with exit code {result.ExitCode}.");
        }

        public async Task<ChildResult> QueriesAsync(string cache, string queryFile, int runs, string ieeeKey, bool encrypt = false)
        {
            var result = await RunAsync(["queries", .. Common(cache, true, encrypt), "--queries", queryFile, "--runs", runs.ToString(CultureInfo.InvariantCulture),
                "--now", mailbox.Now.ToString("o", CultureInfo.InvariantCulture), "--ieee", ieeeKey]);
            return result.ExitCode is 0 ? result : throw new InvalidOperationException($"The engine child (queries {cache}) failed with exit code {result.ExitCode}.");
        }

        private string[] Common(string cache, bool bodies, bool encrypt) =>
        [
            "--port", dovecot.Port.ToString(CultureInfo.InvariantCulture), "--user", dovecot.UserName, "--addresses", string.Join(',', mailbox.OwnerAddresses),
            "--cache", Path.Combine(work, cache + ".db"), "--bodies", bodies ? "all" : "none", .. encrypt ? new[] { "--encrypt" } : [],
        ];

        private Task<ChildResult> RunAsync(string[] arguments) => ChildRunner.RunAsync(dovecot.Password, arguments, ct);
    }
}
