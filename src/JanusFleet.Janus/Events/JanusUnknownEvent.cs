namespace JanusFleet.Janus;

/// <summary>A message this client does not model; <see cref="JanusEvent.Raw"/> has it all.</summary>
public sealed record JanusUnknownEvent(long SessionId, long HandleId, string Kind) : JanusEvent(SessionId, HandleId);
