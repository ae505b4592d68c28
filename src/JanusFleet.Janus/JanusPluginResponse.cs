using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace JanusFleet.Janus;

/// <summary>A plugin's answer to a message: its data and, for offer/answer exchanges, a JSEP.</summary>
public sealed record JanusPluginResponse(string Plugin, JsonElement Data, Jsep? Jsep)
{
    /// <summary>Reads the data as <typeparamref name="T"/> with a source-generated type info.</summary>
    public T Read<T>(JsonTypeInfo<T> typeInfo) =>
        Data.Deserialize(typeInfo) ?? throw new JsonException($"Janus plugin {Plugin} returned null data.");
}
