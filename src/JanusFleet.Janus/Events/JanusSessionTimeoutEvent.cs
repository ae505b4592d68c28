namespace JanusFleet.Janus;

/// <summary>Janus timed the session out; it is gone.</summary>
public sealed record JanusSessionTimeoutEvent(long SessionId) : JanusEvent(SessionId, 0);
