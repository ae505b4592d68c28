using System.Diagnostics;
using JanusFleet.Janus.VideoRoom;
using TestHarness.Janus;

namespace JanusFleet.Janus.Bench;

/// <summary>
/// The same requests sent through <see cref="JanusConnection"/> and through a bare HttpClient/ClientWebSocket, on one
/// private Janus, in alternating rounds (bare first, then client first) so that load from other processes falls on both.
/// </summary>
internal sealed class LatencyBenchmark(BenchOptions options, TextWriter log)
{
    private delegate Task Send(CancellationToken cancellationToken);

    public async Task<IReadOnlyList<LatencyResult>> RunAsync(CancellationToken cancellationToken)
    {
        var results = new List<LatencyResult>();
        await using var janus = await JanusServer.StartAsync(new JanusOptions { SessionTimeout = 60 }, cancellationToken);
        log.WriteLine($"Janus pid {janus.Process.Pid} on {janus.HttpUrl} and {janus.WebSocketUrl}");
        foreach (var kind in options.Transports)
        {
            var uri = kind == JanusTransportKind.WebSocket ? janus.WebSocketUrl : janus.HttpUrl;
            await using var connection = await JanusConnection.ConnectAsync(new JanusConnectionOptions { Uri = uri, ApiSecret = janus.ApiSecret }, cancellationToken);
            await using var session = await connection.CreateSessionAsync(cancellationToken);
            await using var videoRoom = await VideoRoomHandle.AttachAsync(session, cancellationToken: cancellationToken);

            BareHttpJanus? bareHttp = null;
            BareWebSocketJanus? bareWs = null;
            try
            {
                Send bareInfo, bareKeepalive, bareExists, refresh;
                if (kind == JanusTransportKind.WebSocket)
                {
                    var b = bareWs = await BareWebSocketJanus.OpenAsync(uri, janus.ApiSecret, cancellationToken);
                    bareInfo = b.InfoAsync;
                    bareKeepalive = b.KeepaliveAsync;
                    bareExists = async ct => Exists(await b.ExistsAsync(janus.DefaultRoom, ct));
                    refresh = b.KeepaliveAsync;
                }
                else
                {
                    var b = bareHttp = await BareHttpJanus.OpenAsync(uri, janus.ApiSecret, cancellationToken);
                    if (options.BareLongPoll)
                    {
                        b.StartLongPoll();
                    }

                    bareInfo = b.InfoAsync;
                    bareKeepalive = b.KeepaliveAsync;
                    bareExists = async ct => Exists(await b.ExistsAsync(janus.DefaultRoom, ct));
                    refresh = b.KeepaliveAsync;
                }

                (string Name, Send Client, Send Bare)[] operations =
                [
                    ("info (core)", connection.GetServerInfoAsync, bareInfo),
                    ("keepalive (session)", session.KeepaliveAsync, bareKeepalive),
                    ("VideoRoom exists (plugin)", async ct => Exists(await videoRoom.RoomExistsAsync(janus.DefaultRoom, ct)), bareExists),
                ];

                await WarmUpAsync(operations.Select(o => (o.Client, o.Bare)).ToList(), refresh, cancellationToken);
                foreach (var (name, client, bare) in operations)
                {
                    foreach (var concurrency in new[] { 1, options.Concurrency })
                    {
                        var result = await MeasureAsync(name, kind, concurrency, client, bare, refresh, cancellationToken);
                        log.WriteLine(
                            $"{name,-26} {Transport(kind),-9} x{concurrency,-3} bare p50 {result.Bare.P50Ms:0.000} ms p99 {result.Bare.P99Ms:0.000} ms {result.Bare.RequestsPerSecond,7:0} req/s | " +
                            $"client p50 {result.Client.P50Ms:0.000} ms p99 {result.Client.P99Ms:0.000} ms {result.Client.RequestsPerSecond,7:0} req/s | p50 {result.P50Overhead:+0.0%;-0.0%} req/s {-result.ThroughputOverhead:+0.0%;-0.0%}");
                        results.Add(result);
                    }
                }
            }
            finally
            {
                if (bareHttp is not null)
                {
                    await bareHttp.DisposeAsync();
                }

                if (bareWs is not null)
                {
                    await bareWs.DisposeAsync();
                }
            }
        }

        return results;
    }

    public static string Transport(JanusTransportKind kind) => kind == JanusTransportKind.WebSocket ? "WebSocket" : "HTTP";

    private static void Exists(bool exists)
    {
        if (!exists)
        {
            throw new InvalidOperationException("The harness's default VideoRoom room should exist.");
        }
    }

    /// <summary>
    /// Runs every operation on both sides, sequentially and concurrently, for a few seconds before anything is measured.
    /// Without it the first cell measured (info) ran while the JIT was still tiering both sides up, and the client, with
    /// more code on the path, paid longer: info measured first was +26–41 % at p50, measured again at the end of the same
    /// run +8–10 % (2026-11-25, 15:27 UTC).
    /// </summary>
    private async Task WarmUpAsync(List<(Send Client, Send Bare)> operations, Send refresh, CancellationToken cancellationToken)
    {
        var until = options.Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(3);
        var started = Stopwatch.GetTimestamp();
        do
        {
            await refresh(cancellationToken);
            foreach (var (client, bare) in operations)
            {
                foreach (var send in new[] { bare, client })
                {
                    await RunBlockAsync(send, 50, 1, null, cancellationToken);
                    await RunBlockAsync(send, options.Concurrency * 10, options.Concurrency, null, cancellationToken);
                }
            }
        }
        while (Stopwatch.GetElapsedTime(started) < until);
    }

    private async Task<LatencyResult> MeasureAsync(string name, JanusTransportKind kind, int concurrency, Send client, Send bare, Send refresh, CancellationToken cancellationToken)
    {
        await RunBlockAsync(bare, options.Warmup, concurrency, null, cancellationToken);
        await RunBlockAsync(client, options.Warmup, concurrency, null, cancellationToken);

        // Short blocks (a few ms each), alternating sides and which side goes first, so that load from other processes
        // on this shared machine falls on both sides alike.
        var block = concurrency == 1 ? BenchOptions.SequentialBlock : concurrency * BenchOptions.ConcurrentBlockPerWorker;
        var total = concurrency == 1 ? options.SequentialPerSide : options.ConcurrentPerSide;
        var blocks = Math.Max(options.Rounds, total / block);
        var bareSide = new Side();
        var clientSide = new Side();
        var refreshed = Stopwatch.GetTimestamp();
        for (var b = 0; b < blocks; b++)
        {
            // The bare session has no long-poll or keepalive loop of its own.
            if (Stopwatch.GetElapsedTime(refreshed) > TimeSpan.FromSeconds(10))
            {
                await refresh(cancellationToken);
                refreshed = Stopwatch.GetTimestamp();
            }

            if (b % 2 == 0)
            {
                await RunBlockAsync(bare, block, concurrency, bareSide, cancellationToken);
                await RunBlockAsync(client, block, concurrency, clientSide, cancellationToken);
            }
            else
            {
                await RunBlockAsync(client, block, concurrency, clientSide, cancellationToken);
                await RunBlockAsync(bare, block, concurrency, bareSide, cancellationToken);
            }
        }

        // Throughput per round (a group of consecutive blocks); the ratio of each round's pair, then the median.
        var bareRounds = bareSide.Rounds(options.Rounds);
        var clientRounds = clientSide.Rounds(options.Rounds);
        var ratios = bareRounds.Zip(clientRounds, (x, y) => x / y).ToList();
        return new LatencyResult(name, kind, concurrency, bareSide.Summarize(bareRounds), clientSide.Summarize(clientRounds), LatencySummary.Median(ratios) - 1);
    }

    private static async Task RunBlockAsync(Send send, int count, int concurrency, Side? side, CancellationToken cancellationToken)
    {
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        List<long>[] all;
        if (concurrency == 1)
        {
            var samples = new List<long>(count);
            for (var i = 0; i < count; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                await send(cancellationToken);
                samples.Add(Stopwatch.GetTimestamp() - t0);
            }

            all = [samples];
        }
        else
        {
            var remaining = count;
            var workers = new Task<List<long>>[concurrency];
            for (var w = 0; w < concurrency; w++)
            {
                workers[w] = Task.Run(
                    async () =>
                    {
                        var samples = new List<long>(count / concurrency + 1);
                        while (Interlocked.Decrement(ref remaining) >= 0)
                        {
                            var t0 = Stopwatch.GetTimestamp();
                            await send(cancellationToken);
                            samples.Add(Stopwatch.GetTimestamp() - t0);
                        }

                        return samples;
                    },
                    cancellationToken);
            }

            all = await Task.WhenAll(workers);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        if (side is not null)
        {
            foreach (var samples in all)
            {
                side.Samples.AddRange(samples);
            }

            side.Blocks.Add((count, elapsed, cpu));
        }
    }

    private sealed class Side
    {
        public List<long> Samples { get; } = [];

        public List<(int Count, TimeSpan Elapsed, TimeSpan Cpu)> Blocks { get; } = [];

        /// <summary>Requests per second of each of <paramref name="rounds"/> groups of consecutive blocks.</summary>
        public List<double> Rounds(int rounds)
        {
            var per = Math.Max(1, Blocks.Count / rounds);
            return Blocks.Chunk(per).Select(c => c.Sum(b => b.Count) / c.Sum(b => b.Elapsed.TotalSeconds)).ToList();
        }

        public LatencySummary Summarize(List<double> roundThroughputs) =>
            LatencySummary.From(Samples, TimeSpan.FromTicks(Blocks.Sum(b => b.Elapsed.Ticks)), TimeSpan.FromTicks(Blocks.Sum(b => b.Cpu.Ticks)))
                with { RequestsPerSecond = LatencySummary.Median(roundThroughputs) };
    }
}
