using System.Text.Json;
using System.Text.Json.Serialization;

namespace JanusFleet.Janus.Internal;

/// <summary>Reads a room or participant id that is a JSON number or (with string_ids) a string, and writes it back as it came.</summary>
internal sealed class JanusIdJsonConverter : JsonConverter<JanusId>
{
    public override JanusId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => new JanusId(reader.GetInt64()),
            JsonTokenType.String => reader.GetString() is { Length: > 0 } text ? new JanusId(text) : default,
            _ => throw new JsonException($"A Janus room or participant id must be a number or a string, not {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, JanusId value, JsonSerializerOptions options)
    {
        if (value.IsString)
        {
            writer.WriteStringValue(value.Text);
        }
        else
        {
            writer.WriteNumberValue(value.Number);
        }
    }
}
