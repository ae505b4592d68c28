using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using JanusFleet.Janus.Internal;

namespace JanusFleet.Janus;

/// <summary>
/// A VideoRoom or AudioBridge room or participant id: a number, or a string when the plugin runs with
/// <c>string_ids = true</c>. Numbers and strings convert implicitly, so <c>RoomExistsAsync(1234)</c> and
/// <c>RoomExistsAsync("all-hands")</c> both work; send the kind the plugin is configured for (Janus refuses the other).
/// </summary>
[JsonConverter(typeof(JanusIdJsonConverter))]
public readonly record struct JanusId
{
    private readonly long _number;
    private readonly string? _text;

    /// <summary>A numeric id.</summary>
    public JanusId(long number)
    {
        _number = number;
        _text = null;
    }

    /// <summary>A string id (plugins with <c>string_ids = true</c>).</summary>
    public JanusId(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        _number = 0;
        _text = text;
    }

    /// <summary>True for a string id.</summary>
    public bool IsString => _text is not null;

    /// <summary>The numeric id; throws for a string id.</summary>
    public long Number => _text is null
        ? _number
        : throw new InvalidOperationException($"The id '{_text}' is a string id (string_ids = true), not a number; use Text.");

    /// <summary>The string id; throws for a numeric id.</summary>
    public string Text => _text ?? throw new InvalidOperationException($"The id {_number} is a numeric id, not a string; use Number.");

    /// <summary>A numeric id.</summary>
    public static implicit operator JanusId(long number) => new(number);

    /// <summary>A string id.</summary>
    public static implicit operator JanusId(string text) => new(text);

    /// <summary>The numeric id, for a plugin that uses numbers.</summary>
    public static explicit operator long(JanusId id) => id.Number;

    /// <summary>A numeric id, as <see cref="JanusId(long)"/>.</summary>
    public static JanusId FromInt64(long number) => new(number);

    /// <summary>A string id, as <see cref="JanusId(string)"/>.</summary>
    public static JanusId FromString(string text) => new(text);

    /// <summary>The id as Janus writes it (without quotes).</summary>
    public override string ToString() => _text ?? _number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes the id as a JSON number or string property.</summary>
    internal void WriteTo(Utf8JsonWriter writer, string name)
    {
        if (_text is not null)
        {
            writer.WriteString(name, _text);
        }
        else
        {
            writer.WriteNumber(name, _number);
        }
    }

    /// <summary>Reads a number or string id; default when absent.</summary>
    internal static JanusId Read(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() is { Length: > 0 } s ? new JanusId(s) : default,
                JsonValueKind.Number => new JanusId(value.GetInt64()),
                _ => default,
            }
            : default;
}
