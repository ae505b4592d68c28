namespace JanusFleet.Janus.EventHandlers;

/// <summary>The "type" of an event-handler event (events.h); a handler's <c>events</c> filter selects these.</summary>
[Flags]
public enum JanusEventType
{
    /// <summary>No type.</summary>
    None = 0,

    /// <summary>Session created, destroyed or timed out.</summary>
    Session = 1,

    /// <summary>Handle attached or detached.</summary>
    Handle = 2,

    /// <summary>An external event pushed through the Admin API.</summary>
    External = 4,

    /// <summary>SDP offers and answers.</summary>
    Jsep = 8,

    /// <summary>ICE, DTLS and PeerConnection state (subtypes in <see cref="JanusWebRtcSubtype"/>).</summary>
    WebRtc = 16,

    /// <summary>Media state, slow links and statistics (subtypes in <see cref="JanusMediaSubtype"/>).</summary>
    Media = 32,

    /// <summary>Events a plugin chose to report.</summary>
    Plugin = 64,

    /// <summary>Events a transport chose to report.</summary>
    Transport = 128,

    /// <summary>Server startup and shutdown.</summary>
    Core = 256,
}
