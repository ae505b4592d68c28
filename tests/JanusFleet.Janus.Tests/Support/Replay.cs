using Microsoft.Extensions.Time.Testing;

namespace JanusFleet.Janus.Tests.Support;

/// <summary>Opens a <see cref="JanusConnection"/> over a replayed transcript.</summary>
internal static class Replay
{
    public static JanusConnectionOptions Options(TimeProvider? time = null) => new()
    {
        Uri = new Uri("http://127.0.0.1:1/janus"),
        TimeProvider = time ?? new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    public static Task<JanusConnection> ConnectAsync(ReplayTransport transport, JanusConnectionOptions? options = null) =>
        JanusConnection.ConnectAsync(options ?? Options(), transport, CancellationToken.None);
}
