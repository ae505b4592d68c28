namespace JanusFleet.Janus.Internal;

/// <summary>Moves request bytes to Janus and hands everything Janus sends back to a <see cref="ITransportSink"/>.</summary>
internal interface IJanusTransport : IAsyncDisposable
{
    /// <summary>True when the transport itself keeps sessions alive (HTTP long-poll), so no keepalive timer is needed.</summary>
    bool KeepsSessionsAlive { get; }

    /// <summary>Opens the transport; incoming messages go to <paramref name="sink"/> from now on.</summary>
    Task ConnectAsync(ITransportSink sink, CancellationToken cancellationToken);

    /// <summary>Sends one request. Throws <see cref="JanusTransportException"/> when it cannot.</summary>
    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken);

    /// <summary>A session now exists (HTTP starts its long-poll loop).</summary>
    void TrackSession(long sessionId);

    /// <summary>A session is gone (HTTP stops its long-poll loop).</summary>
    void UntrackSession(long sessionId);
}
