namespace JanusFleet.Janus;

/// <summary>The handle was detached from its plugin; it is gone.</summary>
public sealed record JanusDetachedEvent(long SessionId, long HandleId) : JanusEvent(SessionId, HandleId);
