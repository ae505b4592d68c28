namespace JanusFleet.Janus.VideoRoom;

/// <summary>How a publisher joins a room.</summary>
public sealed record VideoRoomPublisherJoinOptions
{
    /// <summary>A chosen participant id; null lets Janus pick.</summary>
    public JanusId? Id { get; init; }

    /// <summary>The display name.</summary>
    public string? Display { get; init; }

    /// <summary>The room PIN.</summary>
    public string? Pin { get; init; }

    /// <summary>A room token (allow list or signed room token).</summary>
    public string? Token { get; init; }
}
