namespace JanusFleet.Janus.AudioBridge;

/// <summary>Changes to an AudioBridge room for <c>edit</c>; null leaves a setting unchanged.</summary>
public sealed record AudioBridgeEditOptions
{
    /// <summary>The room's current secret.</summary>
    public string? Secret { get; init; }

    /// <summary>A new description.</summary>
    public string? NewDescription { get; init; }

    /// <summary>A new secret.</summary>
    public string? NewSecret { get; init; }

    /// <summary>A new PIN.</summary>
    public string? NewPin { get; init; }

    /// <summary>A new privacy setting.</summary>
    public bool? NewIsPrivate { get; init; }

    /// <summary>A new recording folder.</summary>
    public string? NewRecordDir { get; init; }

    /// <summary>Also saves the change to the config file.</summary>
    public bool? Permanent { get; init; }
}
