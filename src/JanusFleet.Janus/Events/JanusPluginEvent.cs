using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace JanusFleet.Janus;

/// <summary>An event from the plugin a handle is attached to (a publisher joined, a room was destroyed, ...).</summary>
public sealed record JanusPluginEvent(long SessionId, long HandleId, string Plugin, JsonElement Data, Jsep? Jsep)
    : JanusEvent(SessionId, HandleId)
{
    /// <summary>The transaction this event answers, when it answers one that nobody was waiting for any more.</summary>
    public string? Transaction { get; init; }

    /// <summary>The plugin's own event name: the value of "videoroom", "audiobridge", ... in the data.</summary>
    public string? Kind { get; init; }

    /// <summary>Reads the data as <typeparamref name="T"/> with a source-generated type info.</summary>
    public T? Read<T>(JsonTypeInfo<T> typeInfo) => Data.Deserialize(typeInfo);
}
