namespace JanusFleet.Janus.AudioBridge;

/// <summary>An active RTP forwarder of a room's mix.</summary>
public sealed record AudioBridgeForwarder
{
    /// <summary>The forwarder id (for <c>stop_rtp_forward</c>).</summary>
    public long StreamId { get; init; }

    /// <summary>Where packets go.</summary>
    public string? Ip { get; init; }

    /// <summary>The port packets go to.</summary>
    public int Port { get; init; }

    /// <summary>The SSRC used.</summary>
    public long? Ssrc { get; init; }

    /// <summary>The codec used.</summary>
    public string? Codec { get; init; }

    /// <summary>The payload type used.</summary>
    public int? Ptype { get; init; }

    /// <summary>Whether it forwards even when nobody talks.</summary>
    public bool? AlwaysOn { get; init; }
}
