namespace JanusFleet.Janus;

/// <summary>Where a <see cref="JanusConnection"/> stands.</summary>
public enum JanusConnectionState
{
    /// <summary>Connected; requests flow.</summary>
    Open,

    /// <summary>The WebSocket dropped; requests fail fast while it is reopened and sessions are claimed.</summary>
    Reconnecting,

    /// <summary>Closed for good (disposed, or the reconnect window passed): every session on it is lost.</summary>
    Closed,
}
