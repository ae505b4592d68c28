using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace JanusFleet.Janus.Internal;

/// <summary>Builds plugin message bodies: a "request" name, a few fixed fields, and an options record's members.</summary>
internal static class BodyWriter
{
    public static Action<Utf8JsonWriter> Request(string request, Action<Utf8JsonWriter>? fields) => w =>
    {
        w.WriteStartObject();
        w.WriteString("request", request);
        fields?.Invoke(w);
        w.WriteEndObject();
    };

    /// <summary>Writes the members of <paramref name="value"/> into the object being written (nulls are left out).</summary>
    public static void Members<T>(Utf8JsonWriter w, T? value, JsonTypeInfo<T> typeInfo)
    {
        if (value is null)
        {
            return;
        }

        var element = JsonSerializer.SerializeToElement(value, typeInfo);
        foreach (var member in element.EnumerateObject())
        {
            member.WriteTo(w);
        }
    }

    public static void Value<T>(Utf8JsonWriter w, string name, T value, JsonTypeInfo<T> typeInfo)
    {
        w.WritePropertyName(name);
        JsonSerializer.Serialize(w, value, typeInfo);
    }

    public static void OptionalString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
