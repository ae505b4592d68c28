namespace JanusFleet.Janus;

/// <summary>A candidate Janus trickled to this client, or the end of its candidates.</summary>
public sealed record JanusTrickleEvent(long SessionId, long HandleId, IceCandidate? Candidate, bool Completed)
    : JanusEvent(SessionId, HandleId);
