using System.Text.Json;
using System.Text.Json.Serialization;
using JanusFleet.Janus.Internal;

namespace JanusFleet.Janus;

/// <summary>What Janus says about itself in answer to <c>info</c>.</summary>
public sealed record JanusServerInfo
{
    private IReadOnlyDictionary<string, JanusModuleInfo>? _plugins;
    private IReadOnlyDictionary<string, JanusModuleInfo>? _transports;

    /// <summary>The server name ("Janus WebRTC Server").</summary>
    public string? Name { get; init; }

    /// <summary>The version number: 1102 for 1.1.2.</summary>
    public int Version { get; init; }

    /// <summary>The version string ("1.1.2").</summary>
    public string? VersionString { get; init; }

    /// <summary>The configured session timeout in seconds (0 = never).</summary>
    [JsonPropertyName("session-timeout")]
    public int SessionTimeout { get; init; }

    /// <summary>The configured reclaim window in seconds for sessions whose transport closed.</summary>
    [JsonPropertyName("reclaim-session-timeout")]
    public int ReclaimSessionTimeout { get; init; }

    /// <summary>Whether new sessions are accepted (false while draining).</summary>
    [JsonPropertyName("accepting-new-sessions")]
    public bool AcceptingNewSessions { get; init; }

    /// <summary>Whether an <c>api_secret</c> is required.</summary>
    [JsonPropertyName("api_secret")]
    public bool ApiSecretRequired { get; init; }

    /// <summary>Whether tokens are required.</summary>
    [JsonPropertyName("auth_token")]
    public bool AuthTokenRequired { get; init; }

    /// <summary>Whether event handlers are enabled.</summary>
    [JsonPropertyName("event_handlers")]
    public bool EventHandlers { get; init; }

    /// <summary>The loaded plugins, keyed by package ("janus.plugin.videoroom"); read from the answer on first use.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JanusModuleInfo> Plugins
    {
        get => _plugins ??= ReadModules("plugins");
        init => _plugins = value;
    }

    /// <summary>The loaded transports, keyed by package; read from the answer on first use.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JanusModuleInfo> Transports
    {
        get => _transports ??= ReadModules("transports");
        init => _transports = value;
    }

    /// <summary>
    /// The whole server_info answer. The module maps are read from it only when asked for: they are most of the answer
    /// and most callers (health checks, version gating) never look at them.
    /// </summary>
    [JsonIgnore]
    internal JsonElement Source { get; set; }

    /// <summary>True when this Janus has VideoRoom remote publishers (1.1.0 and later).</summary>
    public bool SupportsRemotePublishers => Version >= Internal.JanusProtocol.RemotePublishersVersion;

    /// <summary>Reads the typed answer; the module maps wait until first used.</summary>
    internal static JanusServerInfo Read(JsonElement answer)
    {
        var info = answer.Deserialize(JanusJsonContext.Default.JanusServerInfo) ?? new JanusServerInfo();
        info.Source = answer;
        return info;
    }

    private IReadOnlyDictionary<string, JanusModuleInfo> ReadModules(string name) =>
        Source.ValueKind == JsonValueKind.Object && Source.TryGetProperty(name, out var modules) && modules.ValueKind == JsonValueKind.Object
            ? modules.Deserialize(JanusJsonContext.Default.DictionaryStringJanusModuleInfo) ?? []
            : new Dictionary<string, JanusModuleInfo>();
}
