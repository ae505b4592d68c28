namespace JanusFleet.Janus.AudioBridge;

/// <summary>How a participant joins an AudioBridge room.</summary>
public sealed record AudioBridgeJoinOptions
{
    /// <summary>A chosen participant id; null lets Janus pick.</summary>
    public JanusId? Id { get; init; }

    /// <summary>The display name.</summary>
    public string? Display { get; init; }

    /// <summary>The room PIN.</summary>
    public string? Pin { get; init; }

    /// <summary>A room token (allow list).</summary>
    public string? Token { get; init; }

    /// <summary>Joins muted.</summary>
    public bool? Muted { get; init; }

    /// <summary>The codec ("opus", "pcmu", "pcma").</summary>
    public string? Codec { get; init; }

    /// <summary>Prebuffering in packets.</summary>
    public int? Prebuffer { get; init; }

    /// <summary>Opus encoder quality (1–10).</summary>
    public int? Quality { get; init; }

    /// <summary>Volume percentage (100 = unchanged).</summary>
    public int? Volume { get; init; }

    /// <summary>Stereo position, 0 (left) to 100 (right), in spatial rooms.</summary>
    public int? SpatialPosition { get; init; }
}
