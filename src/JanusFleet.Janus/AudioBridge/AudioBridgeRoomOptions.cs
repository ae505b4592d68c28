namespace JanusFleet.Janus.AudioBridge;

/// <summary>Settings of an AudioBridge room for <c>create</c>; null leaves Janus's default.</summary>
public sealed record AudioBridgeRoomOptions
{
    /// <summary>A description of the room.</summary>
    public string? Description { get; init; }

    /// <summary>Hides the room from <c>list</c>.</summary>
    public bool? IsPrivate { get; init; }

    /// <summary>The secret needed to edit or destroy the room.</summary>
    public string? Secret { get; init; }

    /// <summary>The PIN needed to join.</summary>
    public string? Pin { get; init; }

    /// <summary>The mixer's sampling rate (8000, 16000, 24000, 48000).</summary>
    public int? SamplingRate { get; init; }

    /// <summary>Mixes in stereo with per-participant spatial positions.</summary>
    public bool? SpatialAudio { get; init; }

    /// <summary>Whether to use the audio-level RTP extension.</summary>
    public bool? AudiolevelExt { get; init; }

    /// <summary>Whether to emit talking/stopped-talking events.</summary>
    public bool? AudiolevelEvent { get; init; }

    /// <summary>The default prebuffering (in packets) per participant.</summary>
    public int? DefaultPrebuffering { get; init; }

    /// <summary>Records the mix.</summary>
    public bool? Record { get; init; }

    /// <summary>The mix recording's file name.</summary>
    public string? RecordFile { get; init; }

    /// <summary>The mix recording's folder.</summary>
    public string? RecordDir { get; init; }

    /// <summary>Allows plain-RTP participants.</summary>
    public bool? AllowRtpParticipants { get; init; }

    /// <summary>Saves the room to the plugin's config file.</summary>
    public bool? Permanent { get; init; }

    /// <summary>The plugin's admin_key, when Janus requires one for creating rooms.</summary>
    public string? AdminKey { get; init; }
}
