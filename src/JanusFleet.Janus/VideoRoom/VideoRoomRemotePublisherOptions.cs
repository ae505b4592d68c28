namespace JanusFleet.Janus.VideoRoom;

/// <summary>A remote publisher to announce in a room (<c>add_remote_publisher</c>, Janus 1.1.0 and later).</summary>
public sealed record VideoRoomRemotePublisherOptions
{
    /// <summary>The id to give the remote publisher here; null lets Janus pick.</summary>
    public JanusId? Id { get; init; }

    /// <summary>The display name.</summary>
    public string? Display { get; init; }

    /// <summary>The interface or address to bind the RTP port to; pass it explicitly.</summary>
    public string? Iface { get; init; }

    /// <summary>The local RTP port; pass it explicitly (1.1.2 otherwise picks from a hard-coded 10000–60000).</summary>
    public int? Port { get; init; }

    /// <summary>The room secret.</summary>
    public string? Secret { get; init; }

    /// <summary>The streams the publisher sends.</summary>
    public IReadOnlyList<VideoRoomStream> Streams { get; init; } = [];
}
