namespace JanusFleet.Janus.VideoRoom;

/// <summary>Per-stream settings for a subscriber <c>configure</c>.</summary>
public sealed record VideoRoomStreamConfiguration(string Mid)
{
    /// <summary>Whether Janus sends this stream.</summary>
    public bool? Send { get; init; }

    /// <summary>The simulcast substream (0–2) to receive.</summary>
    public int? Substream { get; init; }

    /// <summary>The temporal layer (0–2) to receive.</summary>
    public int? Temporal { get; init; }
}
