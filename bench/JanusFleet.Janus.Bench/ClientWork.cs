using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using JanusFleet.Janus.Internal;
using JanusFleet.Janus.VideoRoom;

namespace JanusFleet.Janus.Bench;

/// <summary>
/// The client's own work per request, without a network: the client over an in-process transport that answers at once
/// with recorded Janus answers, against the bare baseline's work (format the JSON, parse the answer, check it) over the
/// same fake server. Sequential, interleaved in blocks; reports CPU µs and allocated bytes per request. No Janus needed.
/// </summary>
internal sealed class ClientWork(BenchOptions options, TextWriter log, string serverInfoJson)
{
    private const string Secret = "janusrocks";
    private const long SessionId = 973436203445301;
    private const long HandleId = 6842368875548086;

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var server = new FakeServer(serverInfoJson);
        var transport = new InstantTransport(server);
        await using var connection = await JanusConnection.ConnectAsync(new JanusConnectionOptions { Uri = new Uri("http://127.0.0.1:1/janus"), ApiSecret = Secret }, transport, cancellationToken);
        await using var session = await connection.CreateSessionAsync(cancellationToken);
        var videoRoom = await VideoRoomHandle.AttachAsync(session, cancellationToken: cancellationToken);
        long tx = 0;

        JsonDocument Bare(string verb, string fields)
        {
            var id = Interlocked.Increment(ref tx);
            var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"janus\":\"{verb}\",\"transaction\":\"bare{id}\",\"apisecret\":\"{Secret}\"{fields}}}"));
            return JsonDocument.Parse(server.Answer(body));
        }

        static JsonElement Expect(JsonDocument answer, string verb) =>
            answer.RootElement.GetProperty("janus").ValueEquals(verb) ? answer.RootElement : throw new InvalidOperationException(verb);

        (string Name, Func<CancellationToken, Task> Send)[] variants =
        [
            ("bare info", ct =>
            {
                using var a = Bare("info", string.Empty);
                Expect(a, "server_info");
                return Task.CompletedTask;
            }),
            ("client info", async ct => _ = await connection.GetServerInfoAsync(ct)),
            ("bare keepalive", ct =>
            {
                using var a = Bare("keepalive", string.Empty);
                Expect(a, "ack");
                return Task.CompletedTask;
            }),
            ("client keepalive", session.KeepaliveAsync),
            ("bare VideoRoom exists", ct =>
            {
                using var a = Bare("message", string.Create(CultureInfo.InvariantCulture, $",\"session_id\":{SessionId},\"handle_id\":{HandleId},\"body\":{{\"request\":\"exists\",\"room\":1234}}"));
                _ = Expect(a, "success").GetProperty("plugindata").GetProperty("data").GetProperty("exists").GetBoolean();
                return Task.CompletedTask;
            }),
            ("client VideoRoom exists", async ct => _ = await videoRoom.RoomExistsAsync(1234, ct)),
        ];

        var block = 200;
        var perVariant = options.Quick ? 20_000 : 100_000;
        var stats = variants.Select(_ => (Cpu: TimeSpan.Zero, Wall: 0L, Allocated: 0L, N: 0)).ToArray();
        for (var v = 0; v < variants.Length; v++)
        {
            for (var i = 0; i < 20_000; i++)
            {
                await variants[v].Send(cancellationToken);
            }
        }

        for (var round = 0; round < perVariant / block; round++)
        {
            for (var k = 0; k < variants.Length; k++)
            {
                var v = (k + round) % variants.Length;
                var allocated = GC.GetTotalAllocatedBytes(precise: false);
                var cpu = Environment.CpuUsage.TotalTime;
                var t0 = Stopwatch.GetTimestamp();
                for (var i = 0; i < block; i++)
                {
                    await variants[v].Send(cancellationToken);
                }

                var s = stats[v];
                stats[v] = (s.Cpu + (Environment.CpuUsage.TotalTime - cpu), s.Wall + (Stopwatch.GetTimestamp() - t0),
                    s.Allocated + (GC.GetTotalAllocatedBytes(precise: false) - allocated), s.N + block);
            }
        }

        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"### Client work without a network ({perVariant} sequential requests per variant over an in-process transport answering at once, blocks of {block}, rotated)");
        b.AppendLine();
        b.AppendLine("| variant | wall µs/req | CPU µs/req | allocated B/req |");
        b.AppendLine("|---|--:|--:|--:|");
        for (var v = 0; v < variants.Length; v++)
        {
            var s = stats[v];
            var wall = s.Wall * 1e6 / Stopwatch.Frequency / s.N;
            var cpu = s.Cpu.TotalMicroseconds / s.N;
            b.AppendLine(CultureInfo.InvariantCulture, $"| {variants[v].Name} | {wall:0.00} | {cpu:0.00} | {s.Allocated / s.N} |");
            log.WriteLine($"{variants[v].Name,-28} wall {wall,7:0.00} µs cpu {cpu,7:0.00} µs alloc {s.Allocated / s.N,6} B");
        }

        return b.ToString();
    }

    /// <summary>Answers like Janus would, with the request's transaction id copied in.</summary>
    private sealed class FakeServer(string serverInfoJson)
    {
        private readonly string _serverInfo = serverInfoJson;

        public byte[] Answer(ReadOnlySpan<byte> request)
        {
            string? verb = null, transaction = null;
            var reader = new Utf8JsonReader(request);
            reader.Read();
            while (reader.Read() && reader.CurrentDepth == 1)
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (reader.ValueTextEquals("janus"))
                {
                    reader.Read();
                    verb = reader.GetString();
                }
                else if (reader.ValueTextEquals("transaction"))
                {
                    reader.Read();
                    transaction = reader.GetString();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            var json = verb switch
            {
                "info" => _serverInfo.Replace("\"transaction\":\"t1\"", $"\"transaction\":\"{transaction}\"", StringComparison.Ordinal),
                "keepalive" => $"{{\"janus\":\"ack\",\"session_id\":{SessionId},\"transaction\":\"{transaction}\"}}",
                "create" => $"{{\"janus\":\"success\",\"transaction\":\"{transaction}\",\"data\":{{\"id\":{SessionId}}}}}",
                "attach" => $"{{\"janus\":\"success\",\"session_id\":{SessionId},\"transaction\":\"{transaction}\",\"data\":{{\"id\":{HandleId}}}}}",
                "message" => $"{{\"janus\":\"success\",\"session_id\":{SessionId},\"transaction\":\"{transaction}\",\"sender\":{HandleId},\"plugindata\":{{\"plugin\":\"janus.plugin.videoroom\",\"data\":{{\"videoroom\":\"success\",\"room\":1234,\"exists\":true}}}}}}",
                _ => $"{{\"janus\":\"success\",\"transaction\":\"{transaction}\"}}",
            };
            return Encoding.UTF8.GetBytes(json);
        }
    }

    /// <summary>A transport that answers every request at once, like an HTTP POST's response body.</summary>
    private sealed class InstantTransport(FakeServer server) : IJanusTransport
    {
        private ITransportSink? _sink;

        public bool KeepsSessionsAlive => true;

        public Task ConnectAsync(ITransportSink sink, CancellationToken cancellationToken)
        {
            _sink = sink;
            return Task.CompletedTask;
        }

        public Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            _sink!.OnMessage(MessageParser.Parse(server.Answer(message.Payload.Span)));
            return Task.CompletedTask;
        }

        public void TrackSession(long sessionId)
        {
        }

        public void UntrackSession(long sessionId)
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
