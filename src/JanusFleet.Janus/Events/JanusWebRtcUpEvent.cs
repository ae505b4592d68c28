namespace JanusFleet.Janus;

/// <summary>ICE and DTLS completed: the PeerConnection of this handle is up.</summary>
public sealed record JanusWebRtcUpEvent(long SessionId, long HandleId) : JanusEvent(SessionId, HandleId);
