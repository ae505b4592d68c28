using System.Text.Json;

namespace JanusFleet.Janus;

/// <summary>Something Janus told this client without being asked: plugin events, WebRTC state changes, timeouts.</summary>
public abstract record JanusEvent(long SessionId, long HandleId)
{
    /// <summary>The message exactly as Janus sent it.</summary>
    public JsonElement Raw { get; init; }
}
