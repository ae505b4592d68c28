namespace TestHarness.Chromium;

/// <summary>What the publisher page reports on <c>window.publisherState</c>: its progress, janus.js callbacks and errors.</summary>
public sealed record JanusPublisherState
{
    /// <summary>starting, joining, publishing, webrtcup, destroyed or error.</summary>
    public string Status { get; init; } = "";

    /// <summary>janus.js reported the PeerConnection up (webrtcState true).</summary>
    public bool WebRtcUp { get; init; }

    /// <summary>Janus reports receiving the page's audio (mediaState audio true).</summary>
    public bool MediaAudio { get; init; }

    /// <summary>Janus reports receiving the page's video (mediaState video true).</summary>
    public bool MediaVideo { get; init; }

    /// <summary>The last ICE state janus.js saw (checking, connected, completed, failed…).</summary>
    public string? IceState { get; init; }

    /// <summary>The Janus session id.</summary>
    public long? SessionId { get; init; }

    /// <summary>The VideoRoom handle id (the handle_id in event handler events).</summary>
    public long? HandleId { get; init; }

    /// <summary>The publisher's feed id in the room, once joined.</summary>
    public long? FeedId { get; init; }

    /// <summary>The publisher's private id in the room, once joined.</summary>
    public long? PrivateId { get; init; }

    /// <summary>Errors seen by the page ("where: what").</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];
}
