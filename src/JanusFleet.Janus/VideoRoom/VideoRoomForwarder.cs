namespace JanusFleet.Janus.VideoRoom;

/// <summary>An active RTP forwarder of one publisher stream.</summary>
public sealed record VideoRoomForwarder
{
    /// <summary>The forwarder id (for <c>stop_rtp_forward</c>).</summary>
    public long StreamId { get; init; }

    /// <summary>"audio", "video" or "data".</summary>
    public string? Type { get; init; }

    /// <summary>The forwarded stream's mid.</summary>
    public string? Mid { get; init; }

    /// <summary>Where packets go.</summary>
    public string? Host { get; init; }

    /// <summary>The port packets go to.</summary>
    public int Port { get; init; }
}
