namespace JanusFleet.Janus.VideoRoom;

/// <summary>An active publisher, as announced on join and in "publishers" events.</summary>
public sealed record VideoRoomPublisher
{
    /// <summary>The publisher id (the feed to subscribe to).</summary>
    public JanusId Id { get; init; }

    /// <summary>The display name.</summary>
    public string? Display { get; init; }

    /// <summary>Whether this publisher lives on another Janus (remote publisher).</summary>
    public bool? Remote { get; init; }

    /// <summary>The published streams.</summary>
    public IReadOnlyList<VideoRoomStream> Streams { get; init; } = [];
}
