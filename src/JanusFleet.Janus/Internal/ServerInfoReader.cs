using System.Globalization;
using System.Text.Json;

namespace JanusFleet.Janus.Internal;

/// <summary>
/// Reads <c>server_info</c> from the element the transport already parsed, in one walk over its properties; deserializing
/// it from its text again cost a second full parse of a ~2 KB answer.
/// </summary>
internal static class ServerInfoReader
{
    public static JanusServerInfo Read(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return new JanusServerInfo();
        }

        string? name = null, versionString = null;
        int version = 0, sessionTimeout = 0, reclaimTimeout = 0;
        bool accepting = false, apiSecret = false, authToken = false, eventHandlers = false;
        IReadOnlyDictionary<string, JanusModuleInfo>? plugins = null, transports = null;
        foreach (var p in message.EnumerateObject())
        {
            if (p.NameEquals("name"))
            {
                name = String(p.Value);
            }
            else if (p.NameEquals("version"))
            {
                version = Int(p.Value);
            }
            else if (p.NameEquals("version_string"))
            {
                versionString = String(p.Value);
            }
            else if (p.NameEquals("session-timeout"))
            {
                sessionTimeout = Int(p.Value);
            }
            else if (p.NameEquals("reclaim-session-timeout"))
            {
                reclaimTimeout = Int(p.Value);
            }
            else if (p.NameEquals("accepting-new-sessions"))
            {
                accepting = p.Value.ValueKind == JsonValueKind.True;
            }
            else if (p.NameEquals("api_secret"))
            {
                apiSecret = p.Value.ValueKind == JsonValueKind.True;
            }
            else if (p.NameEquals("auth_token"))
            {
                authToken = p.Value.ValueKind == JsonValueKind.True;
            }
            else if (p.NameEquals("event_handlers"))
            {
                eventHandlers = p.Value.ValueKind == JsonValueKind.True;
            }
            else if (p.NameEquals("plugins"))
            {
                plugins = Modules(p.Value);
            }
            else if (p.NameEquals("transports"))
            {
                transports = Modules(p.Value);
            }
        }

        return new JanusServerInfo
        {
            Name = name,
            Version = version,
            VersionString = versionString,
            SessionTimeout = sessionTimeout,
            ReclaimSessionTimeout = reclaimTimeout,
            AcceptingNewSessions = accepting,
            ApiSecretRequired = apiSecret,
            AuthTokenRequired = authToken,
            EventHandlers = eventHandlers,
            Plugins = plugins ?? new Dictionary<string, JanusModuleInfo>(),
            Transports = transports ?? new Dictionary<string, JanusModuleInfo>(),
        };
    }

    private static Dictionary<string, JanusModuleInfo>? Modules(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var modules = new Dictionary<string, JanusModuleInfo>(StringComparer.Ordinal);
        foreach (var m in e.EnumerateObject())
        {
            if (m.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            string? name = null, versionString = null, description = null;
            var version = 0;
            foreach (var p in m.Value.EnumerateObject())
            {
                if (p.NameEquals("name"))
                {
                    name = String(p.Value);
                }
                else if (p.NameEquals("version"))
                {
                    version = Int(p.Value);
                }
                else if (p.NameEquals("version_string"))
                {
                    versionString = String(p.Value);
                }
                else if (p.NameEquals("description"))
                {
                    description = String(p.Value);
                }
            }

            modules[m.Name] = new JanusModuleInfo { Name = name, Version = version, VersionString = versionString, Description = description };
        }

        return modules;
    }

    private static string? String(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString() : null;

    // Numbers may arrive as strings, as the source-generated context allowed.
    private static int Int(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetInt32(out var i) => i,
        JsonValueKind.String when int.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
        _ => 0,
    };
}
