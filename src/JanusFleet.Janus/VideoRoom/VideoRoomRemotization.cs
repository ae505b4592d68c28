namespace JanusFleet.Janus.VideoRoom;

/// <summary>One projection of a local publisher to another Janus, as <c>listremotes</c> lists it.</summary>
public sealed record VideoRoomRemotization
{
    /// <summary>The id given at <c>publish_remotely</c>.</summary>
    public string? RemoteId { get; init; }

    /// <summary>Where RTP goes.</summary>
    public string? Host { get; init; }

    /// <summary>The RTP port.</summary>
    public int Port { get; init; }

    /// <summary>The RTCP port, if any.</summary>
    public int? RtcpPort { get; init; }
}
