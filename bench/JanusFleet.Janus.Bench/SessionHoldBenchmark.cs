using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using JanusFleet.Janus.Admin;
using TestHarness.Janus;

namespace JanusFleet.Janus.Bench;

/// <summary>
/// Holds many sessions on one private Janus with a short session_timeout, relying on the client's own keepalives,
/// and checks at the end that every one is still alive; a canary session without keepalives proves a miss would show.
/// </summary>
internal sealed partial class SessionHoldBenchmark(BenchOptions options, TextWriter log)
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(2);

    /// <summary>Holds the sessions; <paramref name="httpMaxConnections"/> gives an HTTP client a handler capped at that many connections.</summary>
    public async Task<SessionHoldResult> RunAsync(JanusTransportKind kind, int? httpMaxConnections, CancellationToken cancellationToken)
    {
        var variant = httpMaxConnections is { } cap ? $"one shared pool, MaxConnectionsPerServer = {cap}" : "client defaults";
        var timedOut = new ConcurrentDictionary<long, byte>();
        await using var janus = await JanusServer.StartAsync(new JanusOptions { SessionTimeout = options.HoldSessionTimeout }, cancellationToken);
        janus.Process.OutputLine += line =>
        {
            if (TimeoutLine().Match(line) is { Success: true } m)
            {
                timedOut[long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)] = 0;
            }
        };
        var pid = janus.Process.Pid;
        using var admin = new JanusAdminClient(new JanusAdminOptions { Uri = janus.AdminUrl, AdminSecret = janus.AdminSecret });
        var uri = kind == JanusTransportKind.WebSocket ? janus.WebSocketUrl : janus.HttpUrl;
        log.WriteLine($"Holding {options.Sessions} sessions over {LatencyBenchmark.Transport(kind)} ({variant}) for {options.Hold.TotalSeconds:0} s (session_timeout {options.HoldSessionTimeout} s, Janus pid {pid})");

        var loadBefore = ProcessSnapshot.LoadAverage();
        GC.Collect();
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var selfBefore = ProcessSnapshot.Read(Environment.ProcessId);
        var janusBefore = ProcessSnapshot.Read(pid);

        await using var canary = await BareHttpJanus.OpenAsync(janus.HttpUrl, janus.ApiSecret, cancellationToken);
        // Over HTTP the client gets the same SocketsHttpHandlers it would create for itself (client defaults: a request pool
        // of HttpRequestConnections and a long-poll pool of the rest of HttpMaxConnections), or one shared pool capped at the
        // given number (the design before the pools were split), each wrapped to count requests that fail or stall.
        using var requests = kind == JanusTransportKind.Http
            ? new CountingHandler(Pool(httpMaxConnections ?? JanusConnectionOptions.DefaultHttpRequestConnections))
            : null;
        using var longPolls = kind == JanusTransportKind.Http && httpMaxConnections is null
            ? new CountingHandler(Pool(JanusConnectionOptions.DefaultHttpMaxConnections - JanusConnectionOptions.DefaultHttpRequestConnections))
            : null;
        var handler = requests is null ? null : new CountingHandler.Total(requests, longPolls);
        await using var connection = await JanusConnection.ConnectAsync(
            new JanusConnectionOptions
            {
                Uri = uri,
                ApiSecret = janus.ApiSecret,
                RequestTimeout = TimeSpan.FromSeconds(30),
                HttpMessageHandler = requests,
                HttpLongPollMessageHandler = longPolls,
            },
            cancellationToken);

        var sessions = new ConcurrentBag<JanusSession>();
        var createFailures = 0;
        string? firstError = null;
        var createStarted = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, options.Sessions),
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (_, ct) =>
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        sessions.Add(await connection.CreateSessionAsync(ct));
                        return;
                    }
                    catch (JanusException ex) when (attempt < 3)
                    {
                        Interlocked.CompareExchange(ref firstError, ex.GetType().Name + ": " + ex.Message + (ex.InnerException is { } i ? " (" + i.Message + ")" : string.Empty), null);
                        await Task.Delay(200, ct);
                    }
                    catch (JanusException ex)
                    {
                        Interlocked.CompareExchange(ref firstError, ex.GetType().Name + ": " + ex.Message + (ex.InnerException is { } i ? " (" + i.Message + ")" : string.Empty), null);
                        Interlocked.Increment(ref createFailures);
                        return;
                    }
                }
            });
        var createTime = Stopwatch.GetElapsedTime(createStarted);
        log.WriteLine($"  created {sessions.Count} sessions in {createTime.TotalSeconds:0.0} s ({createFailures} failed{(firstError is null ? string.Empty : "; first error: " + firstError)})");

        // The hold: only the client's own keepalives (and, over HTTP, its long-polls) keep the sessions alive.
        var selfHoldStart = ProcessSnapshot.Read(Environment.ProcessId);
        var janusHoldStart = ProcessSnapshot.Read(pid);
        var holdStarted = Stopwatch.GetTimestamp();
        long selfRssPeak = selfHoldStart.RssBytes, janusRssPeak = janusHoldStart.RssBytes;
        int selfThreadsPeak = selfHoldStart.Threads, janusThreadsPeak = janusHoldStart.Threads, janusFilesPeak = janusHoldStart.OpenFiles;
        var acceptQueuePeak = 0;
        var nextReport = TimeSpan.FromSeconds(30);
        while (Stopwatch.GetElapsedTime(holdStarted) < options.Hold)
        {
            var left = options.Hold - Stopwatch.GetElapsedTime(holdStarted);
            await Task.Delay(left < SampleEvery ? left : SampleEvery, cancellationToken);
            ThrowIfExited(janus);
            var self = ProcessSnapshot.Read(Environment.ProcessId);
            var j = ProcessSnapshot.Read(pid);
            selfRssPeak = Math.Max(selfRssPeak, self.RssBytes);
            selfThreadsPeak = Math.Max(selfThreadsPeak, self.Threads);
            janusRssPeak = Math.Max(janusRssPeak, j.RssBytes);
            janusThreadsPeak = Math.Max(janusThreadsPeak, j.Threads);
            janusFilesPeak = Math.Max(janusFilesPeak, j.OpenFiles);
            acceptQueuePeak = Math.Max(acceptQueuePeak, ListenQueue.Length(janus.HttpUrl.Port));
            var elapsed = Stopwatch.GetElapsedTime(holdStarted);
            if (elapsed >= nextReport)
            {
                nextReport += TimeSpan.FromSeconds(30);
                log.WriteLine(
                    $"  {elapsed.TotalSeconds,4:0} s: {sessions.Count(s => !s.IsClosed)} alive, Janus timed out {timedOut.Count} (canary included), " +
                    $"client CPU {(self.Cpu - selfHoldStart.Cpu) / elapsed * 100:0.0} % RSS {self.RssBytes / 1048576.0:0} MiB, " +
                    $"Janus CPU {(j.Cpu - janusHoldStart.Cpu) / elapsed * 100:0.0} % threads {j.Threads} fds {j.OpenFiles} HTTP accept queue {ListenQueue.Length(janus.HttpUrl.Port)}, load {ProcessSnapshot.LoadAverage()}");
            }
        }

        var hold = Stopwatch.GetElapsedTime(holdStarted);
        ThrowIfExited(janus);
        var selfHoldEnd = ProcessSnapshot.Read(Environment.ProcessId);
        var janusHoldEnd = ProcessSnapshot.Read(pid);
        var lostDuringHold = sessions.Where(s => s.IsClosed).Select(s => s.Id).ToHashSet();

        var listed = (await admin.ListSessionsAsync(cancellationToken)).ToHashSet();
        var notListed = sessions.Select(s => s.Id).Where(id => !listed.Contains(id)).ToHashSet();

        var keepaliveFailed = new ConcurrentDictionary<long, byte>();
        var keepaliveTicks = new ConcurrentBag<long>();
        await Parallel.ForEachAsync(
            sessions,
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (session, ct) =>
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await session.KeepaliveAsync(ct);
                    keepaliveTicks.Add(Stopwatch.GetTimestamp() - t0);
                }
                catch (JanusException)
                {
                    keepaliveFailed[session.Id] = 0;
                }
            });
        var keepalive = LatencySummary.From([.. keepaliveTicks], TimeSpan.FromSeconds(1), TimeSpan.Zero);

        var ours = sessions.Select(s => s.Id).ToHashSet();
        var lost = new HashSet<long>(lostDuringHold);
        lost.UnionWith(notListed);
        lost.UnionWith(keepaliveFailed.Keys);
        lost.UnionWith(timedOut.Keys.Where(ours.Contains));
        var canaryTimedOut = timedOut.ContainsKey(canary.SessionId) && !listed.Contains(canary.SessionId);
        var managedAfterGc = GC.GetTotalMemory(forceFullCollection: true);
        var loadAfter = ProcessSnapshot.LoadAverage();

        log.WriteLine($"  end: {sessions.Count - lost.Count}/{sessions.Count} alive; ended during hold {lostDuringHold.Count}, not in list_sessions {notListed.Count}, " +
            $"final keepalive failed {keepaliveFailed.Count}, Janus timeouts of ours {timedOut.Keys.Count(ours.Contains)}; canary timed out: {canaryTimedOut}; failed HTTP requests {handler?.Failed ?? 0} (first: {handler?.FirstFailure ?? "none"}), POSTs over 1 s {handler?.SlowPosts ?? 0} (slowest {handler?.SlowestPost.TotalSeconds ?? 0:0.0} s), HTTP accept queue peak {acceptQueuePeak}");

        await TearDownAsync(sessions, cancellationToken);
        return new SessionHoldResult
        {
            Transport = kind,
            Variant = variant,
            HttpFailures = handler?.Failed ?? 0,
            FirstHttpFailure = handler?.FirstFailure,
            SlowPosts = handler?.SlowPosts ?? 0,
            SlowestPost = handler?.SlowestPost ?? TimeSpan.Zero,
            AcceptQueuePeak = acceptQueuePeak,
            Requested = options.Sessions,
            Created = sessions.Count,
            CreateFailures = createFailures,
            FirstCreateError = firstError,
            CreateTime = createTime,
            Hold = hold,
            SessionTimeout = options.HoldSessionTimeout,
            KeepaliveInterval = TimeSpan.FromSeconds(Math.Min(20, options.HoldSessionTimeout / 3.0)),
            LostDuringHold = lostDuringHold.Count,
            JanusTimeouts = timedOut.Keys.Count(ours.Contains),
            ListedAtEnd = sessions.Count - notListed.Count,
            FinalKeepaliveFailures = keepaliveFailed.Count,
            FinalKeepaliveP50Ms = keepalive.P50Ms,
            FinalKeepaliveP99Ms = keepalive.P99Ms,
            Lost = lost.Count,
            CanaryTimedOut = canaryTimedOut,
            ClientCpu = selfHoldEnd.Cpu - selfHoldStart.Cpu,
            ClientWorkingSetBefore = selfBefore.RssBytes,
            ClientWorkingSetPeak = selfRssPeak,
            ClientManagedBefore = managedBefore,
            ClientManagedAfterGc = managedAfterGc,
            ClientThreadsPeak = selfThreadsPeak,
            JanusCpu = janusHoldEnd.Cpu - janusHoldStart.Cpu,
            JanusRssBefore = janusBefore.RssBytes,
            JanusRssPeak = janusRssPeak,
            JanusThreadsBefore = janusBefore.Threads,
            JanusThreadsPeak = janusThreadsPeak,
            JanusFilesPeak = janusFilesPeak,
            LoadBefore = loadBefore,
            LoadAfter = loadAfter,
        };
    }

    private static SocketsHttpHandler Pool(int maxConnections) =>
        new() { MaxConnectionsPerServer = maxConnections, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90) };

    private static async Task TearDownAsync(IEnumerable<JanusSession> sessions, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await Parallel.ForEachAsync(
                sessions,
                new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = limit.Token },
                async (session, _) => await session.DisposeAsync());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Janus is stopped next anyway.
        }
    }

    /// <summary>A Janus that died (or was killed by someone else's cleanup) must not pass for a result.</summary>
    private static void ThrowIfExited(JanusServer janus)
    {
        if (janus.Process.HasExited)
        {
            throw new InvalidOperationException($"Janus (pid {janus.Process.Pid}) exited with code {janus.Process.ExitCode} during the hold. Its last output:\n{janus.LogTail()}");
        }
    }

    [GeneratedRegex(@"Timeout expired for session (\d+)")]
    private static partial Regex TimeoutLine();
}
