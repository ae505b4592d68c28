using JanusFleet.Janus.Internal;
using JanusFleet.Janus.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace JanusFleet.Janus.Tests;

/// <summary>Keepalives that keep many sessions alive on a busy Janus: stalls, spreading, connection limits.</summary>
public sealed class KeepaliveScheduleTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task A_keepalive_that_Janus_never_answers_does_not_stop_the_next_ones_and_the_session_survives()
    {
        var time = new FakeTimeProvider();
        var janus = new KeepaliveJanus(time, sessionTimeoutSeconds: 15) { Stalls = n => n == 1 };
        var logs = new CapturingLoggerFactory();
        var options = new JanusConnectionOptions
        {
            Uri = new Uri("http://127.0.0.1:1/janus"),
            TimeProvider = time,
            RequestTimeout = TimeSpan.FromSeconds(30), // longer than the session timeout: only the keepalive's own deadline saves it
            LoggerFactory = logs,
        };
        await using var connection = await JanusConnection.ConnectAsync(options, janus, CancellationToken.None);
        var session = await connection.CreateSessionAsync();
        Assert.Equal(TimeSpan.FromSeconds(5), connection.EffectiveKeepaliveInterval);

        // A minute of fake time: the first keepalive hangs, the ones after it keep the session alive.
        await AdvanceAsync(time, TimeSpan.FromMinutes(1), () => janus.Keepalives.Count);

        Assert.False(session.IsClosed);
        Assert.Empty(janus.TimedOut);
        Assert.True(janus.Keepalives.Count >= 6, $"only {janus.Keepalives.Count} keepalives in a minute at 5 s");
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("no answer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sessions_created_together_spread_their_keepalives_within_one_interval()
    {
        var time = new FakeTimeProvider();
        var janus = new KeepaliveJanus(time, sessionTimeoutSeconds: 15);
        await using var connection = await JanusConnection.ConnectAsync(Replay.Options(time), janus, CancellationToken.None);
        var created = time.GetUtcNow();
        const int Sessions = 40;
        for (var i = 0; i < Sessions; i++)
        {
            await connection.CreateSessionAsync();
        }

        await AdvanceAsync(time, connection.EffectiveKeepaliveInterval, () => janus.Keepalives.Count);
        await WaitUntilAsync(() => janus.Keepalives.Select(k => k.SessionId).Distinct().Count() == Sessions);

        var first = janus.Keepalives.GroupBy(k => k.SessionId).Select(g => g.Min(k => k.At) - created).ToList();
        Assert.All(first, offset => Assert.InRange(offset, TimeSpan.Zero, connection.EffectiveKeepaliveInterval));
        Assert.True(first.Distinct().Count() > 1, "every session sent its first keepalive at the same instant");
    }

    [Fact]
    public async Task The_HTTP_transport_splits_its_connection_cap_between_a_request_pool_and_a_long_poll_pool_below_Janus_accept_limit()
    {
        var credentials = new JanusCredentials(null, null);
        var uri = new Uri("http://127.0.0.1:1/janus");

        await using var defaults = new HttpTransport(new JanusConnectionOptions { Uri = uri }, credentials);
        await using var configured = new HttpTransport(new JanusConnectionOptions { Uri = uri, HttpMaxConnections = 64, HttpRequestConnections = 4 }, credentials);
        using var shared = new SocketsHttpHandler();
        await using var external = new HttpTransport(new JanusConnectionOptions { Uri = uri, HttpMessageHandler = shared }, credentials);

        Assert.Equal(JanusConnectionOptions.DefaultHttpRequestConnections, defaults.RequestHandler!.MaxConnectionsPerServer);
        Assert.Equal(JanusConnectionOptions.DefaultHttpMaxConnections - JanusConnectionOptions.DefaultHttpRequestConnections, defaults.LongPollHandler!.MaxConnectionsPerServer);
        Assert.NotSame(defaults.RequestHandler, defaults.LongPollHandler);
        Assert.True(JanusConnectionOptions.DefaultHttpMaxConnections < 1020, "libmicrohttpd accepts at most 1,020 connections");
        Assert.Equal(4, configured.RequestHandler!.MaxConnectionsPerServer);
        Assert.Equal(60, configured.LongPollHandler!.MaxConnectionsPerServer);
        Assert.Null(external.RequestHandler);
        Assert.Null(external.LongPollHandler);
        Assert.Equal(int.MaxValue, shared.MaxConnectionsPerServer);
        Assert.Throws<ArgumentException>(() => new JanusConnectionOptions { Uri = uri, HttpMaxConnections = 1 }.Validate());
        var noneLeft = Assert.Throws<ArgumentException>(() => new JanusConnectionOptions { Uri = uri, HttpMaxConnections = 16, HttpRequestConnections = 16 }.Validate());
        Assert.Contains("less than HttpMaxConnections (16)", noneLeft.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new JanusConnectionOptions { Uri = uri, HttpRequestConnections = 0 }.Validate());
    }

    [Fact]
    public async Task Handlers_given_for_requests_and_long_polls_each_carry_only_their_own_traffic()
    {
        using var requests = new RecordingHandler("""{"janus":"ack","transaction":"t1"}""");
        using var longPolls = new RecordingHandler("""[]""");
        var sink = new NullSink();
        await using (var transport = new HttpTransport(
            new JanusConnectionOptions { Uri = new Uri("http://127.0.0.1:1/janus"), HttpMessageHandler = requests, HttpLongPollMessageHandler = longPolls },
            new JanusCredentials(null, null)))
        {
            await transport.ConnectAsync(sink, CancellationToken.None);
            transport.TrackSession(7);
            await transport.SendAsync(new OutgoingMessage("""{"janus":"keepalive","transaction":"t1"}"""u8.ToArray(), 7, 0), CancellationToken.None);
            await WaitUntilAsync(() => longPolls.Seen.Count > 0);
            Assert.Null(transport.RequestHandler);
            Assert.Null(transport.LongPollHandler);
        }

        Assert.All(requests.Seen, r => Assert.Equal("POST /janus/7", r));
        Assert.NotEmpty(requests.Seen);
        Assert.All(longPolls.Seen, r => Assert.StartsWith("GET /janus/7?maxev=", r, StringComparison.Ordinal));
    }

    private sealed class RecordingHandler(string answer) : HttpMessageHandler
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Seen { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Enqueue($"{request.Method} {request.RequestUri!.PathAndQuery}");
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(answer) });
        }
    }

    private sealed class NullSink : ITransportSink
    {
        public void OnMessage(System.Text.Json.JsonElement message)
        {
        }

        public void OnDisconnected(Exception reason)
        {
        }

        public Task OnReconnectedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void OnClosed(Exception reason)
        {
        }
    }

    /// <summary>Moves the fake clock forward in small steps, letting the keepalive work that each step starts run.</summary>
    private static async Task AdvanceAsync(FakeTimeProvider time, TimeSpan total, Func<int> progress)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed += Step)
        {
            time.Advance(Step);
            var before = progress();
            // Give the thread pool a moment to run what the step fired; waits only, asserts nothing about how long.
            for (var i = 0; i < 20 && progress() == before; i++)
            {
                await Task.Delay(1);
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, cts.Token);
        }
    }
}
