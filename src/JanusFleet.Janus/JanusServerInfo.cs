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

    /// <summary>
    /// Reads the typed answer straight from the parsed document (a deserializer would read all 2 KB of it again, module
    /// maps included); the module maps wait until first used. Numbers may also come as strings, as the serializer allows.
    /// </summary>
    internal static JanusServerInfo Read(JsonElement answer)
    {
        if (answer.ValueKind != JsonValueKind.Object)
        {
            return new JanusServerInfo { Source = answer };
        }

        return new JanusServerInfo
        {
            Name = String(answer, "name"u8),
            Version = Number(answer, "version"u8),
            VersionString = String(answer, "version_string"u8),
            SessionTimeout = Number(answer, "session-timeout"u8),
            ReclaimSessionTimeout = Number(answer, "reclaim-session-timeout"u8),
            AcceptingNewSessions = Flag(answer, "accepting-new-sessions"u8),
            ApiSecretRequired = Flag(answer, "api_secret"u8),
            AuthTokenRequired = Flag(answer, "auth_token"u8),
            EventHandlers = Flag(answer, "event_handlers"u8),
            Source = answer,
        };
    }

    private static string? String(JsonElement e, ReadOnlySpan<byte> name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int Number(JsonElement e, ReadOnlySpan<byte> name) =>
        e.TryGetProperty(name, out var v)
        && ((v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n))
            || (v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out n)))
            ? n
            : 0;

    private static bool Flag(JsonElement e, ReadOnlySpan<byte> name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private IReadOnlyDictionary<string, JanusModuleInfo> ReadModules(string name) =>
        Source.ValueKind == JsonValueKind.Object && Source.TryGetProperty(name, out var modules) && modules.ValueKind == JsonValueKind.Object
            ? modules.Deserialize(JanusJsonContext.Default.DictionaryStringJanusModuleInfo) ?? []
            : new Dictionary<string, JanusModuleInfo>();
}
