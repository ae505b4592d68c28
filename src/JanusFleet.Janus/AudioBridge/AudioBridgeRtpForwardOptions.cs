namespace JanusFleet.Janus.AudioBridge;

/// <summary>Where to forward a room's mix over plain RTP (<c>rtp_forward</c>): how a large call sends listeners one encoded mix.</summary>
public sealed record AudioBridgeRtpForwardOptions(string Host, int Port)
{
    /// <summary>"ipv4" or "ipv6" when <see cref="Host"/> is a name.</summary>
    public string? HostFamily { get; init; }

    /// <summary>The SSRC to use.</summary>
    public long? Ssrc { get; init; }

    /// <summary>The codec ("opus", "pcmu", "pcma").</summary>
    public string? Codec { get; init; }

    /// <summary>The payload type.</summary>
    public int? Ptype { get; init; }

    /// <summary>Forwards even when nobody talks.</summary>
    public bool? AlwaysOn { get; init; }

    /// <summary>The room secret.</summary>
    public string? Secret { get; init; }
}
