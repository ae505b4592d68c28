namespace JanusFleet.Janus.VideoRoom;

/// <summary>A publisher's RTP forwarders, as <c>rtp_forward</c> and <c>listforwarders</c> return them.</summary>
public sealed record VideoRoomPublisherForwarders
{
    /// <summary>The publisher.</summary>
    public JanusId PublisherId { get; init; }

    /// <summary>The publisher's display name.</summary>
    public string? Display { get; init; }

    /// <summary>The forwarders.</summary>
    public IReadOnlyList<VideoRoomForwarder> Forwarders { get; init; } = [];
}
