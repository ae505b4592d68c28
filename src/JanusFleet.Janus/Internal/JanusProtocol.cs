using System.Text.Json;

namespace JanusFleet.Janus.Internal;

/// <summary>Every string of the Janus wire protocol, in one place.</summary>
internal static class JanusProtocol
{
    public const string WebSocketSubprotocol = "janus-protocol";
    public const string AdminWebSocketSubprotocol = "janus-admin-protocol";

    // Envelope fields.
    public const string Janus = "janus";
    public const string Transaction = "transaction";
    public const string SessionId = "session_id";
    public const string HandleId = "handle_id";
    public const string Sender = "sender";
    public const string ApiSecret = "apisecret";
    public const string AdminSecret = "admin_secret";
    public const string Token = "token";
    public const string Plugin = "plugin";
    public const string OpaqueId = "opaque_id";
    public const string Body = "body";
    public const string Jsep = "jsep";
    public const string Candidate = "candidate";
    public const string Candidates = "candidates";
    public const string Completed = "completed";
    public const string Data = "data";
    public const string Id = "id";
    public const string PluginData = "plugindata";
    public const string Error = "error";
    public const string Code = "code";
    public const string Reason = "reason";
    public const string ErrorCode = "error_code";
    public const string Type = "type";
    public const string Sdp = "sdp";
    public const string Receiving = "receiving";
    public const string Mid = "mid";
    public const string Substream = "substream";
    public const string Seconds = "seconds";
    public const string Media = "media";
    public const string Uplink = "uplink";
    public const string Lost = "lost";
    public const string SdpMid = "sdpMid";
    public const string SdpMLineIndex = "sdpMLineIndex";

    // Requests.
    public const string Info = "info";
    public const string Create = "create";
    public const string Attach = "attach";
    public const string Message = "message";
    public const string Trickle = "trickle";
    public const string Keepalive = "keepalive";
    public const string Hangup = "hangup";
    public const string Detach = "detach";
    public const string Destroy = "destroy";
    public const string Claim = "claim";

    // Responses and events.
    public const string Ack = "ack";
    public const string Success = "success";
    public const string ServerInfo = "server_info";
    public const string Event = "event";
    public const string WebRtcUp = "webrtcup";
    public const string SlowLink = "slowlink";
    public const string Detached = "detached";
    public const string Timeout = "timeout";

    // Plugins.
    public const string VideoRoomPlugin = "janus.plugin.videoroom";
    public const string AudioBridgePlugin = "janus.plugin.audiobridge";

    // The verbs Janus sends, most frequent first, as UTF-8 next to the constant they map to.
    private static readonly (byte[] Utf8, string Text)[] KnownVerbs =
    [
        ("success"u8.ToArray(), Success),
        ("ack"u8.ToArray(), Ack),
        ("event"u8.ToArray(), Event),
        ("server_info"u8.ToArray(), ServerInfo),
        ("error"u8.ToArray(), Error),
        ("keepalive"u8.ToArray(), Keepalive),
        ("trickle"u8.ToArray(), Trickle),
        ("media"u8.ToArray(), Media),
        ("webrtcup"u8.ToArray(), WebRtcUp),
        ("slowlink"u8.ToArray(), SlowLink),
        ("hangup"u8.ToArray(), Hangup),
        ("detached"u8.ToArray(), Detached),
        ("timeout"u8.ToArray(), Timeout),
    ];

    /// <summary>A message's "janus" verb: the constant for a known verb (no string made per message), "" when missing.</summary>
    public static string VerbOf(JsonElement message)
    {
        if (!message.TryGetProperty("janus"u8, out var verb) || verb.ValueKind != JsonValueKind.String)
        {
            return string.Empty;
        }

        foreach (var (utf8, text) in KnownVerbs)
        {
            if (verb.ValueEquals(utf8))
            {
                return text;
            }
        }

        return verb.GetString() ?? string.Empty;
    }

    /// <summary>The core version that introduced VideoRoom remote publishers (1.1.0).</summary>
    public const int RemotePublishersVersion = 1100;
}
