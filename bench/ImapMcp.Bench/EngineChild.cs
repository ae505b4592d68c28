using System.Diagnostics;
using System.Globalization;
using ImapMcp.Mail;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Query;
using ImapMcp.Mail.Secrets;
using ImapMcp.Mail.Sync;

namespace ImapMcp.Bench;

/// <summary>
/// The engine's side of the benchmark, run in a child process so that its peak memory is the engine's alone (not the
/// generator's, the harness's or the baselines'). Writes results to stdout as "@\tkey\tvalue" lines; progress to stderr.
/// </summary>
internal static class EngineChild
{
    public const string Verb = "--engine-child";
    public const string PasswordVariable = "IMAP_MCP_BENCH_PASSWORD";
    public const string CacheKeyVariable = "IMAP_MCP_BENCH_CACHE_KEY";

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var a = ChildArguments.Parse(args);
        var secrets = new MemorySecretStore();
        var password = Environment.GetEnvironmentVariable(PasswordVariable) ?? throw new InvalidOperationException($"{PasswordVariable} is not set.");
        await secrets.SetAsync(BenchAccount.Name, SecretKinds.Password, password, cancellationToken);
        if (Environment.GetEnvironmentVariable(CacheKeyVariable) is { Length: > 0 } cacheKey)
            await secrets.SetAsync(BenchAccount.Name, SecretKinds.CacheKey, cacheKey, cancellationToken);
        var settings = Settings(a);
        var now = a.Get("now") is { } n ? DateTimeOffset.Parse(n, CultureInfo.InvariantCulture) : (DateTimeOffset?)null;

        MailAccount account;
        var opening = Stopwatch.StartNew();
        try
        {
            account = await MailAccount.OpenAsync(settings, secrets, now is { } at ? new FixedTimeProvider(at) : null, cancellationToken: cancellationToken);
        }
        catch (ConfigurationException e) when (settings.Encrypt)
        {
            Emit("encrypt_unavailable", e.Message.ReplaceLineEndings(" "));
            return 3;
        }

        if (a.Mode == "sync" && a.Has("fresh"))
        {
            // Repeated initial syncs in one process, each into a new cache: the first pays JIT start-up, the others not.
            account.Dispose();
            var repeat = int.Parse(a.Get("repeat") ?? "1", CultureInfo.InvariantCulture);
            for (var i = 0; i < repeat; i++)
            {
                var fresh = BenchAccount.Settings(a.Get("port")!, a.Get("user")!, (a.Get("addresses") ?? "").Split(','), settings.CachePath + "." + i.ToString(CultureInfo.InvariantCulture), true, settings.Encrypt);
                using var one = await MailAccount.OpenAsync(fresh, secrets, cancellationToken: cancellationToken);
                await SyncAsync(one, a, i, 1, cancellationToken);
            }

            Emit("peak_rss", ProcessMemory.PeakBytes().ToString(CultureInfo.InvariantCulture));
            return 0;
        }

        Emit("open_ms", Ms(opening.Elapsed));
        using (account)
        {
            switch (a.Mode)
            {
                case "sync":
                    await SyncAsync(account, a, 0, int.Parse(a.Get("repeat") ?? "1", CultureInfo.InvariantCulture), cancellationToken);
                    break;
                case "queries":
                    await QueriesAsync(account, a, now ?? throw new InvalidOperationException("--now is needed."), cancellationToken);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown child mode '{a.Mode}'.");
            }

            Emit("peak_rss", ProcessMemory.PeakBytes().ToString(CultureInfo.InvariantCulture));

            // Idle: the account stays open, as in a host waiting for the next request.
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            Emit("idle_rss", ProcessMemory.CurrentBytes().ToString(CultureInfo.InvariantCulture));
            EmitHeld("idle");
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            Emit("idle_rss_after_gc", ProcessMemory.CurrentBytes().ToString(CultureInfo.InvariantCulture));
            EmitHeld("idle_after_gc");
        }

        var bytes = new[] { "", "-wal", "-shm" }.Select(s => settings.CachePath + s).Where(File.Exists).Sum(f => new FileInfo(f).Length);
        Emit("cache_bytes", bytes.ToString(CultureInfo.InvariantCulture));
        return 0;
    }

    private static async Task SyncAsync(MailAccount account, ChildArguments a, int first, int repeat, CancellationToken cancellationToken)
    {
        var bodies = a.Get("bodies") != "none";
        for (var i = 0; i < repeat; i++)
        {
            var progress = new PhaseClock();
            var cpu = Environment.CpuUsage.TotalTime;
            var clock = Stopwatch.StartNew();
            var report = await account.SyncAsync(new SyncOptions { Bodies = bodies }, progress, cancellationToken);
            var elapsed = clock.Elapsed;
            var p = "sync." + (first + i).ToString(CultureInfo.InvariantCulture) + ".";
            Emit(p + "ms", Ms(elapsed));
            Emit(p + "cpu_ms", Ms(Environment.CpuUsage.TotalTime - cpu));
            Emit(p + "headers_ms", Ms(progress.BodiesStarted ?? elapsed));
            Emit(p + "new", report.NewMessages.ToString(CultureInfo.InvariantCulture));
            Emit(p + "bodies", report.Bodies.ToString(CultureInfo.InvariantCulture));
            Emit(p + "flags", report.FlagUpdates.ToString(CultureInfo.InvariantCulture));
            Emit(p + "expunged", report.Expunged.ToString(CultureInfo.InvariantCulture));
            Emit(p + "folders", report.Folders.ToString(CultureInfo.InvariantCulture));
            Emit(p + "problems", report.Problems.Count.ToString(CultureInfo.InvariantCulture));
            Emit(p + "peak_rss", ProcessMemory.PeakBytes().ToString(CultureInfo.InvariantCulture));
        }
    }

    private static async Task QueriesAsync(MailAccount account, ChildArguments a, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var runs = int.Parse(a.Get("runs") ?? "20", CultureInfo.InvariantCulture);
        var shapes = (await File.ReadAllLinesAsync(a.Get("queries") ?? throw new InvalidOperationException("--queries is needed."), cancellationToken))
            .Where(l => l.Length > 0).Select(l => l.Split('\t', 2)).ToList();
        var top20 = new QueryOptions { Limit = 20 };
        foreach (var shape in shapes)
        {
            var (name, query) = (shape[0], shape[1]);
            SearchResult? last = null;
            var samples = await TimeAsync(runs, async () => last = await account.Queries.SearchAsync(query, top20, cancellationToken));
            Emit("search." + name, Samples(samples));
            Emit("search." + name + ".total", last!.Total.ToString(CultureInfo.InvariantCulture));
            if (a.Get("ieee") is { } ieee && name == "find-ieee")
            {
                var rank = last.Messages.Select((m, i) => (m, i)).FirstOrDefault(x => x.m.Key.ToString() == ieee, (null!, -1)).Item2;
                Emit("ieee_rank", rank.ToString(CultureInfo.InvariantCulture));
            }
        }

        IReadOnlyList<MessageItem>? unreplied = null;
        var u = await TimeAsync(runs, async () => unreplied = await account.Queries.GetUnrepliedAsync(now.AddDays(-14), cancellationToken: cancellationToken));
        Emit("unreplied", Samples(u));
        Emit("unreplied.count", unreplied!.Count.ToString(CultureInfo.InvariantCulture));

        IReadOnlyList<SenderVolume>? senders = null;
        var t = await TimeAsync(runs, async () => senders = await account.Analytics.GetTopSendersAsync(now.AddMonths(-6), 20, cancellationToken));
        Emit("top_senders", Samples(t));
        Emit("top_senders.first", senders!.Count > 0 ? $"{senders[0].Address} ({senders[0].Messages})" : "-");
    }

    /// <summary>The first (cold) call, then <paramref name="runs"/> timed calls after one more warm-up.</summary>
    private static async Task<List<double>> TimeAsync(int runs, Func<Task> action)
    {
        var samples = new List<double>(runs + 1);
        for (var i = -2; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await action();
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i != -1)
                samples.Add(ms);
        }

        return samples;
    }

    /// <summary>Who holds the resident memory: the GC heap (live and committed) and SQLite's allocator.</summary>
    private static void EmitHeld(string prefix)
    {
        var gc = GC.GetGCMemoryInfo();
        Emit(prefix + "_gc_heap", gc.HeapSizeBytes.ToString(CultureInfo.InvariantCulture));
        Emit(prefix + "_gc_committed", gc.TotalCommittedBytes.ToString(CultureInfo.InvariantCulture));
        Emit(prefix + "_sqlite", SQLitePCL.raw.sqlite3_memory_used().ToString(CultureInfo.InvariantCulture));
    }

    private static string Samples(List<double> ms) => string.Join(',', ms.Select(x => x.ToString("0.###", CultureInfo.InvariantCulture)));

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static void Emit(string key, string value) => Console.Out.WriteLine($"@\t{key}\t{value}");

    // The account keeps the default body policy ("all") even for header-only runs: "--bodies none" only stops the run
    // before the body phase, so the header phase is the one a default account runs.
    private static AccountSettings Settings(ChildArguments a) =>
        BenchAccount.Settings(a.Get("port")!, a.Get("user")!, (a.Get("addresses") ?? "alex.morgan@example.com").Split(','), a.Get("cache")!, true, a.Has("encrypt"), a.Get("headers") ?? "all");

    /// <summary>Notes when the body phase starts and prints progress to stderr every few seconds.</summary>
    private sealed class PhaseClock : IProgress<SyncProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _printed = TimeSpan.FromSeconds(-10);

        public TimeSpan? BodiesStarted { get; private set; }

        public void Report(SyncProgress value)
        {
            if (value.Phase == SyncPhase.Bodies && BodiesStarted is null)
                BodiesStarted = _clock.Elapsed;
            if (_clock.Elapsed - _printed < TimeSpan.FromSeconds(5))
                return;
            _printed = _clock.Elapsed;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    engine {_clock.Elapsed.TotalSeconds,6:0.0} s  {value.Phase,-8} {value.Folder,-22} {value.Done,8:N0}/{value.Total,-8:N0} {value.MessagesPerSecond,8:N0}/s  rss {ProcessMemory.CurrentBytes() / 1048576} MB"));
        }
    }
}
