namespace JanusFleet.Janus.VideoRoom;

/// <summary>Where to project a local publisher (<c>publish_remotely</c>): the endpoint another Janus's <c>add_remote_publisher</c> returned.</summary>
public sealed record VideoRoomPublishRemotelyOptions(string RemoteId, string Host, int Port)
{
    /// <summary>The RTCP port to latch to for keyframe requests; send it so they flow back.</summary>
    public int? RtcpPort { get; init; }

    /// <summary>"ipv4" or "ipv6" when <see cref="Host"/> is a name.</summary>
    public string? HostFamily { get; init; }

    /// <summary>The room secret.</summary>
    public string? Secret { get; init; }
}
