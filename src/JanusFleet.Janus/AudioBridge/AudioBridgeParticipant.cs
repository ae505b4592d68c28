namespace JanusFleet.Janus.AudioBridge;

/// <summary>A participant of an AudioBridge room.</summary>
public sealed record AudioBridgeParticipant
{
    /// <summary>The participant id.</summary>
    public JanusId Id { get; init; }

    /// <summary>The display name.</summary>
    public string? Display { get; init; }

    /// <summary>Whether the participant's PeerConnection is up.</summary>
    public bool Setup { get; init; }

    /// <summary>Whether the participant is muted.</summary>
    public bool Muted { get; init; }

    /// <summary>Whether the participant is talking (with audio level events on).</summary>
    public bool? Talking { get; init; }
}
