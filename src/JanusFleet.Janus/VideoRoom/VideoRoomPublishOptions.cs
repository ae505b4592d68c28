namespace JanusFleet.Janus.VideoRoom;

/// <summary>Publisher settings for <c>publish</c>, <c>configure</c> and <c>joinandconfigure</c>.</summary>
public sealed record VideoRoomPublishOptions
{
    /// <summary>A bitrate cap for this publisher, in bits per second.</summary>
    public long? Bitrate { get; init; }

    /// <summary>Whether to record this publisher.</summary>
    public bool? Record { get; init; }

    /// <summary>The base file name for recordings.</summary>
    public string? Filename { get; init; }

    /// <summary>A new display name.</summary>
    public string? Display { get; init; }

    /// <summary>The audio codec to prefer.</summary>
    public string? Audiocodec { get; init; }

    /// <summary>The video codec to prefer.</summary>
    public string? Videocodec { get; init; }
}
