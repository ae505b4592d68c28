using JanusFleet.Janus.AudioBridge;
using JanusFleet.Janus.VideoRoom;

namespace JanusFleet.Janus;

/// <summary>Janus (the core or a plugin) refused a request; the connection and session are still fine.</summary>
public sealed class JanusErrorException : JanusException
{
    /// <summary>Creates the exception for an error code and reason; <paramref name="plugin"/> is null for core errors.</summary>
    public JanusErrorException(int code, string reason, string? plugin = null)
        : base(plugin is null ? $"Janus error {code}: {reason}" : $"Janus plugin {plugin} error {code}: {reason}")
    {
        Code = code;
        Reason = reason;
        Plugin = plugin;
    }

    /// <summary>The numeric error code as Janus sent it.</summary>
    public int Code { get; }

    /// <summary>The human-readable reason Janus sent.</summary>
    public string Reason { get; }

    /// <summary>The plugin package that refused ("janus.plugin.videoroom"), or null when the core refused.</summary>
    public string? Plugin { get; }

    /// <summary>The core error code, when the core refused.</summary>
    public JanusErrorCode? CoreCode => Plugin is null ? (JanusErrorCode)Code : null;

    /// <summary>The VideoRoom error code, when the VideoRoom plugin refused.</summary>
    public VideoRoomErrorCode? VideoRoomCode => Plugin == Internal.JanusProtocol.VideoRoomPlugin ? (VideoRoomErrorCode)Code : null;

    /// <summary>The AudioBridge error code, when the AudioBridge plugin refused.</summary>
    public AudioBridgeErrorCode? AudioBridgeCode => Plugin == Internal.JanusProtocol.AudioBridgePlugin ? (AudioBridgeErrorCode)Code : null;
}
