using JanusFleet.Janus.Tests.Support;
using Microsoft.Extensions.Logging;

namespace JanusFleet.Janus.Tests;

public sealed class ProtocolLogTests
{
    [Fact]
    public async Task The_trace_protocol_log_shows_every_message_with_the_secrets_redacted()
    {
        var logs = new CapturingLoggerFactory();
        var transport = ReplayTransport.FromFile("errors");
        var options = Replay.Options();
        await using var connection = await Replay.ConnectAsync(transport, new JanusConnectionOptions
        {
            Uri = options.Uri,
            TimeProvider = options.TimeProvider,
            ApiSecret = "very-secret-api-key",
            Token = "1767225600,janus,janus.plugin.videoroom:c2lnbmF0dXJl",
            LoggerFactory = logs,
        });
        await Assert.ThrowsAsync<JanusSessionLostException>(() => connection.ClaimSessionAsync(12345));

        var trace = logs.Lines.Where(l => l.Level == LogLevel.Trace).Select(l => l.Message).ToList();
        Assert.Contains(trace, l => l.StartsWith("janus >> ", StringComparison.Ordinal) && l.Contains("\"claim\"", StringComparison.Ordinal));
        Assert.Contains(trace, l => l.StartsWith("janus << ", StringComparison.Ordinal) && l.Contains("458", StringComparison.Ordinal));
        Assert.All(logs.Lines, l => Assert.DoesNotContain("very-secret-api-key", l.Message, StringComparison.Ordinal));
        Assert.All(logs.Lines, l => Assert.DoesNotContain("c2lnbmF0dXJl", l.Message, StringComparison.Ordinal));
        Assert.Contains(trace, l => l.Contains("<redacted>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_that_cannot_be_routed_is_logged_and_the_link_keeps_working()
    {
        var logs = new CapturingLoggerFactory();
        var transport = ReplayTransport.FromFile("core-lifecycle");
        var options = Replay.Options();
        await using var connection = await Replay.ConnectAsync(transport, new JanusConnectionOptions { Uri = options.Uri, TimeProvider = options.TimeProvider, LoggerFactory = logs });
        var session = await connection.CreateSessionAsync();

        logs.ThrowAt = LogLevel.Debug;
        transport.Push("""{"janus":"webrtcup","session_id":1,"sender":2}""");
        logs.ThrowAt = null;

        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("webrtcup", StringComparison.Ordinal));
        var handle = await session.AttachAsync("janus.plugin.videoroom", "room-7-alice");
        Assert.False(handle.IsDetached);
    }
}
