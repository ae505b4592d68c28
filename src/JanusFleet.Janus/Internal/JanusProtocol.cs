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

    /// <summary>The core version that introduced VideoRoom remote publishers (1.1.0).</summary>
    public const int RemotePublishersVersion = 1100;
}
