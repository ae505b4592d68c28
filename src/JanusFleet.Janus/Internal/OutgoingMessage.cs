namespace JanusFleet.Janus.Internal;

/// <summary>A serialized request plus the ids an HTTP transport needs for its URL path.</summary>
internal readonly record struct OutgoingMessage(ReadOnlyMemory<byte> Payload, long SessionId, long HandleId);
