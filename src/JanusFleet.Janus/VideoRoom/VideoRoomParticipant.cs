namespace JanusFleet.Janus.VideoRoom;

/// <summary>A participant as <c>listparticipants</c> describes it.</summary>
public sealed record VideoRoomParticipant
{
    /// <summary>The participant id.</summary>
    public JanusId Id { get; init; }

    /// <summary>The display name.</summary>
    public string? Display { get; init; }

    /// <summary>Whether the participant is publishing media.</summary>
    public bool Publisher { get; init; }

    /// <summary>Whether the participant is talking (with audio level events on).</summary>
    public bool? Talking { get; init; }
}
