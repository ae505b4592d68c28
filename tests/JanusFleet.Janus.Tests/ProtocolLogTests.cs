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
}
