namespace JanusFleet.Janus;

/// <summary>How the client talks to Janus.</summary>
public enum JanusTransportKind
{
    /// <summary>HTTP POST for requests and one long-poll GET loop per session for events.</summary>
    Http,

    /// <summary>One WebSocket with the "janus-protocol" subprotocol, shared by all sessions.</summary>
    WebSocket,
}
