using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using JanusFleet.Janus.Internal;
using TestHarness.Janus;

namespace JanusFleet.Janus.Bench;

/// <summary>
/// Where the time of core <c>info</c> over HTTP goes: the bare baseline, the baseline plus one piece of the client's work
/// at a time, and the client's own layers (transport alone, request without the typed read, the whole call), all
/// sequential, interleaved block by block in one rotation so that the machine's load falls on every variant alike.
/// </summary>
internal sealed class InfoBreakdown(BenchOptions options, TextWriter log)
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        await using var janus = await JanusServer.StartAsync(new JanusOptions { SessionTimeout = 60 }, cancellationToken);
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90) }) { Timeout = Timeout.InfiniteTimeSpan };
        var baseUri = janus.HttpUrl;
        var secret = janus.ApiSecret;
        await using var connection = await JanusConnection.ConnectAsync(new JanusConnectionOptions { Uri = baseUri, ApiSecret = secret }, cancellationToken);
        var sink = new LastMessageSink();
        var credentials = new JanusCredentials(secret, null);
        await using var transport = new HttpTransport(new JanusConnectionOptions { Uri = baseUri, ApiSecret = secret }, credentials);
        await transport.ConnectAsync(sink, cancellationToken);
        await using var session = await connection.CreateSessionAsync(cancellationToken);
        await using var bare = await BareHttpJanus.OpenAsync(baseUri, secret, cancellationToken);
        long tx = 0;

        byte[] Body() => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"janus\":\"info\",\"transaction\":\"b{Interlocked.Increment(ref tx)}\",\"apisecret\":\"{secret}\"}}"));

        async Task<byte[]> PostAsync(CancellationToken ct)
        {
            using var content = new ByteArrayContent(Body());
            content.Headers.ContentType = JsonType;
            using var response = await http.PostAsync(baseUri, content, ct);
            return await response.Content.ReadAsByteArrayAsync(ct);
        }

        static void Check(JsonElement root)
        {
            if (!root.GetProperty("janus").ValueEquals("server_info"))
            {
                throw new InvalidOperationException("Janus did not answer info with server_info.");
            }
        }

        (string Name, Func<CancellationToken, Task> Send)[] variants =
        [
            ("bare: POST, bytes, JsonDocument.Parse (disposed), check verb", async ct =>
            {
                using var doc = JsonDocument.Parse(await PostAsync(ct));
                Check(doc.RootElement);
            }),
            ("bare + document not disposed (as the client's MessageParser)", async ct =>
            {
                var doc = JsonDocument.Parse(await PostAsync(ct));
                Check(doc.RootElement);
            }),
            ("bare + typed JanusServerInfo from the element (module maps unread, as the client)", async ct =>
            {
                using var doc = JsonDocument.Parse(await PostAsync(ct));
                Check(doc.RootElement);
                _ = JanusServerInfo.Read(doc.RootElement);
            }),
            ("bare + typed JanusServerInfo from the element, Plugins and Transports read too", async ct =>
            {
                using var doc = JsonDocument.Parse(await PostAsync(ct));
                Check(doc.RootElement);
                var info = JanusServerInfo.Read(doc.RootElement);
                _ = info.Plugins.Count + info.Transports.Count;
            }),
            ("bare + typed JanusServerInfo straight from the bytes (no document, maps unread)", async ct =>
            {
                var info = JsonSerializer.Deserialize(await PostAsync(ct), JanusJsonContext.Default.JanusServerInfo);
                if (info is null || info.Version == 0)
                {
                    throw new InvalidOperationException("no server_info");
                }
            }),
            ("bare, ResponseHeadersRead + JsonDocument.ParseAsync(stream)", async ct =>
            {
                using var content = new ByteArrayContent(Body());
                content.Headers.ContentType = JsonType;
                using var request = new HttpRequestMessage(HttpMethod.Post, baseUri) { Content = content };
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                await using var stream = await response.Content.ReadAsStreamAsync(ct);
                using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
                Check(doc.RootElement);
            }),
            ("client transport alone: RequestWriter + HttpTransport.SendAsync + parse", async ct =>
            {
                var payload = RequestWriter.Write(JanusProtocol.Info, "t" + Interlocked.Increment(ref tx).ToString(CultureInfo.InvariantCulture), 0, 0, credentials);
                await transport.SendAsync(new OutgoingMessage(payload, 0, 0), ct);
                Check(sink.Last);
            }),
            ("client RequestAsync (transaction table, routing), no typed read", async ct =>
                Check(await connection.RequestAsync(JanusProtocol.Info, 0, 0, completesOnAck: false, null, ct))),
            ("client GetServerInfoAsync (the whole call)", async ct => _ = await connection.GetServerInfoAsync(ct)),
            ("reference: bare keepalive", bare.KeepaliveAsync),
            ("reference: client keepalive", session.KeepaliveAsync),
        ];

        var block = BenchOptions.SequentialBlock;
        var perVariant = options.Quick ? 1000 : 4000;
        var stats = variants.Select(_ => new Stat()).ToArray();
        foreach (var (_, send) in variants)
        {
            for (var i = 0; i < (options.Quick ? 100 : 300); i++)
            {
                await send(cancellationToken);
            }
        }

        var rounds = perVariant / block;
        var refreshed = Stopwatch.GetTimestamp();
        for (var round = 0; round < rounds; round++)
        {
            if (Stopwatch.GetElapsedTime(refreshed) > TimeSpan.FromSeconds(10))
            {
                await bare.KeepaliveAsync(cancellationToken);
                refreshed = Stopwatch.GetTimestamp();
            }

            for (var k = 0; k < variants.Length; k++)
            {
                // Rotate which variant goes first, so none always follows the same neighbour.
                var v = (k + round) % variants.Length;
                var stat = stats[v];
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var cpu = Environment.CpuUsage.TotalTime;
                for (var i = 0; i < block; i++)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    await variants[v].Send(cancellationToken);
                    stat.Samples.Add(Stopwatch.GetTimestamp() - t0);
                }

                stat.Cpu += Environment.CpuUsage.TotalTime - cpu;
                stat.Allocated += GC.GetTotalAllocatedBytes(precise: true) - allocated;
            }
        }

        var baseline = LatencySummary.From(stats[0].Samples, TimeSpan.FromSeconds(1), stats[0].Cpu);
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"### info over HTTP, where the time goes ({perVariant} sequential requests per variant, blocks of {block}, rotated)");
        b.AppendLine();
        b.AppendLine("| variant | p50 ms | p50 vs bare | mean ms | CPU µs/req | allocated B/req |");
        b.AppendLine("|---|--:|--:|--:|--:|--:|");
        for (var v = 0; v < variants.Length; v++)
        {
            var s = LatencySummary.From(stats[v].Samples, TimeSpan.FromSeconds(1), stats[v].Cpu);
            var n = stats[v].Samples.Count;
            b.AppendLine(CultureInfo.InvariantCulture, $"| {variants[v].Name} | {s.P50Ms:0.000} | {Math.Round((s.P50Ms / baseline.P50Ms) - 1, 3):+0.0%;-0.0%;0.0%} | {s.MeanMs:0.000} | {s.CpuMicrosPerRequest:0} | {stats[v].Allocated / n:0} |");
            log.WriteLine($"{variants[v].Name,-72} p50 {s.P50Ms:0.000} ms mean {s.MeanMs:0.000} ms cpu {s.CpuMicrosPerRequest:0} µs alloc {stats[v].Allocated / n} B");
        }

        return b.ToString();
    }

    private sealed class Stat
    {
        public List<long> Samples { get; } = [];

        public TimeSpan Cpu { get; set; }

        public long Allocated { get; set; }
    }

    private sealed class LastMessageSink : ITransportSink
    {
        public JsonElement Last { get; private set; }

        public void OnMessage(JsonElement message) => Last = message;

        public void OnDisconnected(Exception reason)
        {
        }

        public Task OnReconnectedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void OnClosed(Exception reason)
        {
        }
    }
}
