namespace JanusFleet.Janus.VideoRoom;

/// <summary>One publisher stream to forward over plain RTP.</summary>
public sealed record VideoRoomRtpForwardStream(string Mid, int Port)
{
    /// <summary>The port to receive RTCP feedback on, if any.</summary>
    public int? RtcpPort { get; init; }

    /// <summary>The SSRC to use.</summary>
    public long? Ssrc { get; init; }

    /// <summary>The payload type to use.</summary>
    public int? Pt { get; init; }

    /// <summary>A different host for this stream.</summary>
    public string? Host { get; init; }
}
