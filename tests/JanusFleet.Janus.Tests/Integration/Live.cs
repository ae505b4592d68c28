using TestHarness.Janus;

namespace JanusFleet.Janus.Tests.Integration;

/// <summary>Connects this client to a harness Janus over the chosen transport.</summary>
internal static class Live
{
    public static Uri UrlFor(JanusServer janus, JanusTransportKind kind) =>
        kind == JanusTransportKind.WebSocket ? janus.WebSocketUrl : janus.HttpUrl;

    public static Task<JanusConnection> ConnectAsync(JanusServer janus, JanusTransportKind kind, string? token = null, bool withSecret = true, TimeSpan? reconnectWindow = null) =>
        JanusConnection.ConnectAsync(new JanusConnectionOptions
        {
            Uri = UrlFor(janus, kind),
            ApiSecret = withSecret ? janus.ApiSecret : null,
            Token = token,
            ReconnectWindow = reconnectWindow ?? TimeSpan.FromSeconds(20),
        });

    /// <summary>An Admin API client over HTTP, or over the admin WebSocket (the Janus must be started with AdminWebSocket).</summary>
    public static Admin.JanusAdminClient Admin(JanusServer janus, JanusTransportKind kind = JanusTransportKind.Http) =>
        new(new Admin.JanusAdminOptions
        {
            Uri = kind == JanusTransportKind.WebSocket
                ? janus.AdminWebSocketUrl ?? throw new InvalidOperationException("Start the Janus with JanusOptions.AdminWebSocket to reach its admin WebSocket.")
                : janus.AdminUrl,
            AdminSecret = janus.AdminSecret,
        });

    /// <summary>Waits (on the real clock) until <paramref name="condition"/> holds or fails after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            if (cts.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Reads events from <paramref name="handle"/> until one matches or the timeout passes.</summary>
    public static async Task<T> NextAsync<T>(JanusHandle handle, Func<T, bool> match, TimeSpan timeout)
        where T : JanusEvent
    {
        using var cts = new CancellationTokenSource(timeout);
        var seen = new List<string>();
        try
        {
            await foreach (var e in handle.Events.ReadAllAsync(cts.Token))
            {
                seen.Add(e.GetType().Name);
                if (e is T t && match(t))
                {
                    return t;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Fail($"No {typeof(T).Name} matched within {timeout}; saw: {string.Join(", ", seen)}");
        throw new InvalidOperationException();
    }
}
