using System.Text.Json.Serialization;

namespace JanusFleet.Janus.VideoRoom;

/// <summary>The answer to a publisher <c>join</c> or <c>joinandconfigure</c>.</summary>
public sealed record VideoRoomJoined
{
    /// <summary>The room joined.</summary>
    public JanusId Room { get; init; }

    /// <summary>The room's description.</summary>
    public string? Description { get; init; }

    /// <summary>This participant's id.</summary>
    public JanusId Id { get; init; }

    /// <summary>This participant's private id (for subscriptions that must prove membership).</summary>
    public long PrivateId { get; init; }

    /// <summary>The publishers already in the room.</summary>
    public IReadOnlyList<VideoRoomPublisher> Publishers { get; init; } = [];

    /// <summary>Janus's SDP answer, for <c>joinandconfigure</c> with an offer.</summary>
    [JsonIgnore]
    public Jsep? Jsep { get; init; }
}
