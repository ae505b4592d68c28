namespace JanusFleet.Janus.VideoRoom;

/// <summary>Changes to a VideoRoom room for <c>edit</c>; null leaves a setting unchanged.</summary>
public sealed record VideoRoomEditOptions
{
    /// <summary>The room's current secret.</summary>
    public string? Secret { get; init; }

    /// <summary>A new description.</summary>
    public string? NewDescription { get; init; }

    /// <summary>A new privacy setting.</summary>
    public bool? NewIsPrivate { get; init; }

    /// <summary>A new secret.</summary>
    public string? NewSecret { get; init; }

    /// <summary>A new PIN.</summary>
    public string? NewPin { get; init; }

    /// <summary>A new publisher limit.</summary>
    public int? NewPublishers { get; init; }

    /// <summary>A new bitrate cap.</summary>
    public long? NewBitrate { get; init; }

    /// <summary>A new keyframe-request period.</summary>
    public int? NewFirFreq { get; init; }

    /// <summary>A new recording lock.</summary>
    public bool? NewLockRecord { get; init; }

    /// <summary>A new recording folder.</summary>
    public string? NewRecDir { get; init; }

    /// <summary>Also saves the change to the config file.</summary>
    public bool? Permanent { get; init; }
}
