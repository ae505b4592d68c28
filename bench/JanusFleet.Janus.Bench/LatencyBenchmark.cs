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
                    bareInfo = b.InfoAsync;
                    bareKeepalive = b.KeepaliveAsync;
                    bareExists = async ct => Exists(await b.ExistsAsync(janus.DefaultRoom, ct));
                    refresh = b.KeepaliveAsync;
                }

                (string Name, Send Client, Send Bare)[] operations =
                [
                    ("info (core)", async ct => await connection.GetServerInfoAsync(ct), bareInfo),
                    ("keepalive (session)", session.KeepaliveAsync, bareKeepalive),
                    ("VideoRoom exists (plugin)", async ct => Exists(await videoRoom.RoomExistsAsync(janus.DefaultRoom, ct)), bareExists),
                ];

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
                bareHttp?.Dispose();
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

    private async Task<LatencyResult> MeasureAsync(string name, JanusTransportKind kind, int concurrency, Send client, Send bare, Send refresh, CancellationToken cancellationToken)
    {
        var perRound = concurrency == 1 ? options.SequentialPerRound : options.ConcurrentPerRound;
        await RunAsync(bare, options.Warmup, concurrency, null, cancellationToken);
        await RunAsync(client, options.Warmup, concurrency, null, cancellationToken);
        var bareSide = new Side();
        var clientSide = new Side();
        for (var round = 0; round < options.Rounds; round++)
        {
            // The bare session has no long-poll or keepalive loop of its own.
            await refresh(cancellationToken);
            var order = round % 2 == 0 ? new[] { (bare, bareSide), (client, clientSide) } : [(client, clientSide), (bare, bareSide)];
            foreach (var (send, side) in order)
            {
                await RunAsync(send, perRound, concurrency, side, cancellationToken);
            }
        }

        var ratios = bareSide.RoundThroughputs.Zip(clientSide.RoundThroughputs, (b, c) => b / c).ToList();
        return new LatencyResult(name, kind, concurrency, bareSide.Summarize(), clientSide.Summarize(), LatencySummary.Median(ratios) - 1);
    }

    private static async Task RunAsync(Send send, int count, int concurrency, Side? side, CancellationToken cancellationToken)
    {
        var remaining = count;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
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

        var all = await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        if (side is not null)
        {
            foreach (var samples in all)
            {
                side.Samples.AddRange(samples);
            }

            side.Elapsed += elapsed;
            side.Cpu += cpu;
            side.RoundThroughputs.Add(count / elapsed.TotalSeconds);
        }
    }

    private sealed class Side
    {
        public List<long> Samples { get; } = [];

        public TimeSpan Elapsed { get; set; }

        public TimeSpan Cpu { get; set; }

        public List<double> RoundThroughputs { get; } = [];

        public LatencySummary Summarize() => LatencySummary.From(Samples, Elapsed, Cpu) with { RequestsPerSecond = LatencySummary.Median(RoundThroughputs) };
    }
}
