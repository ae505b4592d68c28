using System.Text.Json.Serialization;

namespace JanusFleet.Janus.AudioBridge;

/// <summary>The answer to <c>join</c> ("joined") or <c>changeroom</c> ("roomchanged").</summary>
public sealed record AudioBridgeJoined
{
    /// <summary>The room joined.</summary>
    public JanusId Room { get; init; }

    /// <summary>This participant's id.</summary>
    public JanusId Id { get; init; }

    /// <summary>The other participants.</summary>
    public IReadOnlyList<AudioBridgeParticipant> Participants { get; init; } = [];

    /// <summary>Janus's SDP answer, when the join carried an offer.</summary>
    [JsonIgnore]
    public Jsep? Jsep { get; init; }
}
