namespace JanusFleet.Janus.AudioBridge;

/// <summary>A room as <c>list</c> describes it.</summary>
public sealed record AudioBridgeRoomInfo
{
    /// <summary>The room id.</summary>
    public JanusId Room { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>Whether a PIN is needed.</summary>
    public bool PinRequired { get; init; }

    /// <summary>The mixer's sampling rate.</summary>
    public int SamplingRate { get; init; }

    /// <summary>Whether the mix is recorded.</summary>
    public bool Record { get; init; }

    /// <summary>How many participants are in the room.</summary>
    public int NumParticipants { get; init; }

    /// <summary>Whether the whole room is muted.</summary>
    public bool? Muted { get; init; }
}
