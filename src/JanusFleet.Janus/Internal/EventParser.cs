using System.Text.Json;

namespace JanusFleet.Janus.Internal;

/// <summary>Turns an unsolicited Janus message into a typed <see cref="JanusEvent"/>.</summary>
internal static class EventParser
{
    public static JanusEvent Parse(string verb, long sessionId, long handleId, JsonElement m)
    {
        JanusEvent e = verb switch
        {
            JanusProtocol.Event => ParsePlugin(sessionId, handleId, m),
            JanusProtocol.WebRtcUp => new JanusWebRtcUpEvent(sessionId, handleId),
            JanusProtocol.Media => new JanusMediaEvent(sessionId, handleId, Str(m, JanusProtocol.Type) ?? string.Empty, Bool(m, JanusProtocol.Receiving))
            {
                Mid = Str(m, JanusProtocol.Mid),
                Substream = Int(m, JanusProtocol.Substream),
                Seconds = Int(m, JanusProtocol.Seconds),
            },
            JanusProtocol.SlowLink => new JanusSlowLinkEvent(sessionId, handleId, Str(m, JanusProtocol.Media), Bool(m, JanusProtocol.Uplink), Int(m, JanusProtocol.Lost) ?? 0)
            {
                Mid = Str(m, JanusProtocol.Mid),
            },
            JanusProtocol.Hangup => new JanusHangupEvent(sessionId, handleId, Str(m, JanusProtocol.Reason)),
            JanusProtocol.Detached => new JanusDetachedEvent(sessionId, handleId),
            JanusProtocol.Trickle => ParseTrickle(sessionId, handleId, m),
            JanusProtocol.Timeout => new JanusSessionTimeoutEvent(sessionId),
            _ => new JanusUnknownEvent(sessionId, handleId, verb),
        };
        return e with { Raw = m };
    }

    public static Jsep? ParseJsep(JsonElement m)
    {
        if (!m.TryGetProperty(JanusProtocol.Jsep, out var j) || j.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new Jsep(Str(j, JanusProtocol.Type) ?? string.Empty, Str(j, JanusProtocol.Sdp) ?? string.Empty);
    }

    /// <summary>Reads plugin data; (plugin, data) or null when the message carries none.</summary>
    public static (string Plugin, JsonElement Data)? ParsePluginData(JsonElement m, string? expectedPlugin = null)
    {
        if (!m.TryGetProperty(JanusProtocol.PluginData, out var pd) || pd.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // The plugin a handle is attached to answers nearly always: reuse its name instead of making a new string.
        var plugin = expectedPlugin is not null && pd.TryGetProperty(JanusProtocol.Plugin, out var p) && p.ValueKind == JsonValueKind.String && p.ValueEquals(expectedPlugin)
            ? expectedPlugin
            : Str(pd, JanusProtocol.Plugin) ?? string.Empty;
        var data = pd.TryGetProperty(JanusProtocol.Data, out var d) ? d : default;
        return (plugin, data);
    }

    private static JanusPluginEvent ParsePlugin(long sessionId, long handleId, JsonElement m)
    {
        var (plugin, data) = ParsePluginData(m) ?? (string.Empty, default);
        return new JanusPluginEvent(sessionId, handleId, plugin, data, ParseJsep(m))
        {
            Transaction = Str(m, JanusProtocol.Transaction),
            Kind = KindOf(plugin, data),
        };
    }

    /// <summary>The plugin's event name: "janus.plugin.videoroom" puts it under "videoroom".</summary>
    public static string? KindOf(string plugin, JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var dot = plugin.LastIndexOf('.');
        var key = dot >= 0 ? plugin[(dot + 1)..] : plugin;
        return Str(data, key);
    }

    private static JanusTrickleEvent ParseTrickle(long sessionId, long handleId, JsonElement m)
    {
        if (!m.TryGetProperty(JanusProtocol.Candidate, out var c) || c.ValueKind != JsonValueKind.Object)
        {
            return new JanusTrickleEvent(sessionId, handleId, null, false);
        }

        if (Bool(c, JanusProtocol.Completed))
        {
            return new JanusTrickleEvent(sessionId, handleId, null, true);
        }

        return new JanusTrickleEvent(
            sessionId,
            handleId,
            new IceCandidate(Str(c, JanusProtocol.Candidate) ?? string.Empty, Str(c, JanusProtocol.SdpMid), Int(c, JanusProtocol.SdpMLineIndex)),
            false);
    }

    public static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static long Long(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l) ? l : 0;

    public static int? Int(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    public static bool Bool(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
