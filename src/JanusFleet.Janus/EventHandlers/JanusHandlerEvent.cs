using System.Text.Json;
using JanusFleet.Janus.Internal;

namespace JanusFleet.Janus.EventHandlers;

/// <summary>One event Janus's HTTP event handler POSTed, with typed views of the fields a dashboard needs.</summary>
public sealed record JanusHandlerEvent
{
    /// <summary>The event type.</summary>
    public JanusEventType Type { get; init; }

    /// <summary>The subtype, for WebRTC, media and core events (0 otherwise).</summary>
    public int Subtype { get; init; }

    /// <summary>When Janus emitted it.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The emitting server's name (server_name in janus.jcfg).</summary>
    public string? Emitter { get; init; }

    /// <summary>The session, or 0.</summary>
    public long SessionId { get; init; }

    /// <summary>The handle, or 0.</summary>
    public long HandleId { get; init; }

    /// <summary>The handle's opaque id, if any.</summary>
    public string? OpaqueId { get; init; }

    /// <summary>The "event" object as Janus sent it.</summary>
    public JsonElement Event { get; init; }

    /// <summary>Session and handle events: "created", "destroyed", "timeout", "attached", "detached".</summary>
    public string? Name => EventParser.Str(Event, "name");

    /// <summary>Handle and plugin events: the plugin package.</summary>
    public string? Plugin => EventParser.Str(Event, "plugin");

    /// <summary>Plugin events: the plugin's data.</summary>
    public JsonElement? PluginData => Type == JanusEventType.Plugin && Event.ValueKind == JsonValueKind.Object && Event.TryGetProperty("data", out var d) ? d : null;

    /// <summary>WebRTC connection-state events: "webrtcup" or "hangup".</summary>
    public string? Connection => EventParser.Str(Event, "connection");

    /// <summary>Media events: "audio" or "video".</summary>
    public string? Media => EventParser.Str(Event, "media");

    /// <summary>Media state events: whether Janus receives the medium.</summary>
    public bool? Receiving => Event.ValueKind == JsonValueKind.Object && Event.TryGetProperty("receiving", out var r) && r.ValueKind is JsonValueKind.True or JsonValueKind.False ? r.GetBoolean() : null;

    /// <summary>Slow-link events: packets lost in the last second (1.x sends a loss count, not NACKs).</summary>
    public int? Lost => EventParser.Int(Event, "lost_lastsec") ?? EventParser.Int(Event, "lost");

    /// <summary>
    /// Media statistics (<see cref="JanusMediaSubtype.Stats"/>, every <c>stats_period</c> seconds): bytes Janus sent to
    /// the peer on this handle's medium ("bytes-sent"); summed over the media when <c>combine_media_stats</c> puts them in
    /// one array. Null for other events. For a VideoRoom subscriber this is the signal that media flows to it: Janus
    /// never sends a subscriber "media receiving: true", which reports RTP coming in from the peer.
    /// </summary>
    public long? BytesSent => StatsSum("bytes-sent"u8);

    /// <summary>Media statistics: packets Janus sent to the peer ("packets-sent"); see <see cref="BytesSent"/>.</summary>
    public long? PacketsSent => StatsSum("packets-sent"u8);

    /// <summary>Media statistics: bytes Janus received from the peer ("bytes-received"); see <see cref="BytesSent"/>.</summary>
    public long? BytesReceived => StatsSum("bytes-received"u8);

    /// <summary>Media statistics: packets Janus received from the peer ("packets-received"); see <see cref="BytesSent"/>.</summary>
    public long? PacketsReceived => StatsSum("packets-received"u8);

    private long? StatsSum(ReadOnlySpan<byte> name)
    {
        if (Type != JanusEventType.Media || Subtype != (int)JanusMediaSubtype.Stats)
        {
            return null;
        }

        if (Event.ValueKind == JsonValueKind.Object)
        {
            return Counter(Event, name);
        }

        if (Event.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        long? sum = null;
        foreach (var medium in Event.EnumerateArray())
        {
            if (Counter(medium, name) is { } n)
            {
                sum = (sum ?? 0) + n;
            }
        }

        return sum;
    }

    private static long? Counter(JsonElement medium, ReadOnlySpan<byte> name) =>
        medium.ValueKind == JsonValueKind.Object && medium.TryGetProperty(name, out var v) && v.TryGetInt64(out var n) ? n : null;

    /// <summary>Reads one event object.</summary>
    public static JanusHandlerEvent FromJson(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"An event-handler event must be a JSON object, not {e.ValueKind}.");
        }

        var micros = e.TryGetProperty("timestamp", out var ts) && ts.TryGetInt64(out var t) ? t : 0;
        return new JanusHandlerEvent
        {
            Type = (JanusEventType)(EventParser.Int(e, "type") ?? 0),
            Subtype = EventParser.Int(e, "subtype") ?? 0,
            Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(micros / 1000),
            Emitter = EventParser.Str(e, "emitter"),
            SessionId = EventParser.Long(e, "session_id"),
            HandleId = EventParser.Long(e, "handle_id"),
            OpaqueId = EventParser.Str(e, "opaque_id"),
            Event = e.TryGetProperty("event", out var ev) ? ev.Clone() : default,
        };
    }

    /// <summary>
    /// Reads a POST body from Janus's HTTP event handler: one event, or an array of them when <c>grouping</c> is on.
    /// Throws <see cref="JsonException"/> when the body is not that.
    /// </summary>
    public static IReadOnlyList<JanusHandlerEvent> ParseBody(ReadOnlySpan<byte> utf8Body)
    {
        var root = JsonSerializer.Deserialize(utf8Body, JanusJsonContext.Default.JsonElement);
        return root.ValueKind switch
        {
            JsonValueKind.Array => root.EnumerateArray().Select(FromJson).ToArray(),
            JsonValueKind.Object => [FromJson(root)],
            _ => throw new JsonException($"An event-handler body must be an object or an array, not {root.ValueKind}."),
        };
    }
}
