namespace JanusFleet.Janus.VideoRoom;

/// <summary>One stream of a subscriber's PeerConnection and the feed stream it carries.</summary>
public sealed record VideoRoomSubscriberStream
{
    /// <summary>The m-line index in the subscriber's SDP.</summary>
    public int Mindex { get; init; }

    /// <summary>The mid in the subscriber's SDP.</summary>
    public string? Mid { get; init; }

    /// <summary>"audio", "video" or "data".</summary>
    public string? Type { get; init; }

    /// <summary>Whether the stream is active.</summary>
    public bool? Active { get; init; }

    /// <summary>The publisher this stream comes from.</summary>
    public JanusId FeedId { get; init; }

    /// <summary>The publisher's mid for this stream.</summary>
    public string? FeedMid { get; init; }

    /// <summary>The publisher's display name.</summary>
    public string? FeedDisplay { get; init; }

    /// <summary>Whether Janus sends this stream.</summary>
    public bool? Send { get; init; }

    /// <summary>Whether the stream is ready.</summary>
    public bool? Ready { get; init; }
}
