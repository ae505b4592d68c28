namespace JanusFleet.Janus;

/// <summary>The PeerConnection of this handle went down.</summary>
public sealed record JanusHangupEvent(long SessionId, long HandleId, string? Reason) : JanusEvent(SessionId, HandleId);
