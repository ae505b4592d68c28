namespace JanusFleet.Janus.AudioBridge;

/// <summary>A participant's own settings for <c>configure</c>; null leaves a setting unchanged.</summary>
public sealed record AudioBridgeConfigureOptions
{
    /// <summary>Mutes or unmutes oneself.</summary>
    public bool? Muted { get; init; }

    /// <summary>A new display name.</summary>
    public string? Display { get; init; }

    /// <summary>Prebuffering in packets.</summary>
    public int? Prebuffer { get; init; }

    /// <summary>Opus encoder quality (1–10).</summary>
    public int? Quality { get; init; }

    /// <summary>Volume percentage.</summary>
    public int? Volume { get; init; }

    /// <summary>Stereo position in spatial rooms.</summary>
    public int? SpatialPosition { get; init; }

    /// <summary>Records this participant's own audio.</summary>
    public bool? Record { get; init; }

    /// <summary>The base file name for that recording.</summary>
    public string? Filename { get; init; }
}
