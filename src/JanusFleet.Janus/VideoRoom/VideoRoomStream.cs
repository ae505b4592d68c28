namespace JanusFleet.Janus.VideoRoom;

/// <summary>One published stream (m-line) of a publisher.</summary>
public sealed record VideoRoomStream
{
    /// <summary>"audio", "video" or "data".</summary>
    public string? Type { get; init; }

    /// <summary>The m-line index.</summary>
    public int Mindex { get; init; }

    /// <summary>The m-line mid.</summary>
    public string? Mid { get; init; }

    /// <summary>The codec.</summary>
    public string? Codec { get; init; }

    /// <summary>A description of the stream.</summary>
    public string? Description { get; init; }

    /// <summary>Whether the stream is disabled.</summary>
    public bool? Disabled { get; init; }

    /// <summary>Whether the video stream uses simulcast.</summary>
    public bool? Simulcast { get; init; }
}
