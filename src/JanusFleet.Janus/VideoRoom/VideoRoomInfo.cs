namespace JanusFleet.Janus.VideoRoom;

/// <summary>A room as <c>list</c> describes it.</summary>
public sealed record VideoRoomInfo
{
    /// <summary>The room id.</summary>
    public JanusId Room { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>Whether a PIN is needed to join.</summary>
    public bool PinRequired { get; init; }

    /// <summary>Whether the room is private.</summary>
    public bool IsPrivate { get; init; }

    /// <summary>The publisher limit.</summary>
    public int MaxPublishers { get; init; }

    /// <summary>The bitrate cap.</summary>
    public long Bitrate { get; init; }

    /// <summary>Whether joining attendees are announced.</summary>
    public bool NotifyJoining { get; init; }

    /// <summary>Whether the room records.</summary>
    public bool Record { get; init; }

    /// <summary>The recording folder, if set.</summary>
    public string? RecDir { get; init; }

    /// <summary>How many participants are in the room.</summary>
    public int NumParticipants { get; init; }

    /// <summary>The allowed audio codecs.</summary>
    public string? Audiocodec { get; init; }

    /// <summary>The allowed video codecs.</summary>
    public string? Videocodec { get; init; }
}
