namespace JanusFleet.Janus.VideoRoom;

/// <summary>Where to send a remote publisher's RTP, as <c>add_remote_publisher</c> answers.</summary>
public sealed record VideoRoomRemotePublisherEndpoint
{
    /// <summary>The room.</summary>
    public JanusId Room { get; init; }

    /// <summary>The remote publisher's id in this room.</summary>
    public JanusId Id { get; init; }

    /// <summary>The address to send RTP to.</summary>
    public string? Ip { get; init; }

    /// <summary>The port to send RTP to.</summary>
    public int Port { get; init; }

    /// <summary>The port to latch to for RTCP feedback.</summary>
    public int? RtcpPort { get; init; }
}
