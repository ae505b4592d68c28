using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace TestHarness.Janus;

/// <summary>Renders the templates in deploy/janus (embedded in this assembly) into a Janus config folder.</summary>
internal static partial class JanusConfigWriter
{
    /// <summary>The template files, in the order Janus reads them (janus.jcfg first).</summary>
    public static readonly string[] Templates =
    [
        "janus.jcfg",
        "janus.transport.http.jcfg",
        "janus.transport.websockets.jcfg",
        "janus.plugin.videoroom.jcfg",
        "janus.plugin.audiobridge.jcfg",
        "janus.eventhandler.sampleevh.jcfg",
    ];

    /// <summary>Plugins Janus 1.1.2 ships that the products do not use.</summary>
    public static readonly string[] DisabledPlugins =
    [
        "libjanus_echotest.so", "libjanus_duktape.so", "libjanus_lua.so", "libjanus_nosip.so", "libjanus_recordplay.so",
        "libjanus_sip.so", "libjanus_streaming.so", "libjanus_textroom.so", "libjanus_videocall.so", "libjanus_voicemail.so",
    ];

    /// <summary>Transports other than HTTP and WebSockets.</summary>
    public static readonly string[] DisabledTransports = ["libjanus_pfunix.so", "libjanus_mqtt.so", "libjanus_rabbitmq.so", "libjanus_nanomsg.so"];

    /// <summary>Event handlers other than the sample (HTTP POST) one.</summary>
    public static readonly string[] OtherEventHandlers = ["libjanus_gelfevh.so", "libjanus_mqttevh.so", "libjanus_nanomsgevh.so", "libjanus_rabbitmqevh.so", "libjanus_wsevh.so"];

    /// <summary>The event handler the harness uses.</summary>
    public const string SampleEventHandler = "libjanus_sampleevh.so";

    /// <summary>Writes every template into <paramref name="folder"/> with <paramref name="values"/> substituted.</summary>
    public static void Write(string folder, IReadOnlyDictionary<string, string> values)
    {
        foreach (var name in Templates)
        {
            File.WriteAllText(Path.Combine(folder, name), Render(ReadTemplate(name), values), new UTF8Encoding(false));
        }
    }

    /// <summary>Replaces every {{NAME}}; a placeholder without a value is a bug in the harness, so it throws.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v)
            ? v
            : throw new HarnessException($"The Janus config template has a placeholder {m.Value} the harness does not fill."));

    /// <summary>The text of one embedded template.</summary>
    public static string ReadTemplate(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("janus/" + name)
            ?? throw new HarnessException($"The Janus config template '{name}' is not embedded in TestHarness (deploy/janus/{name}).");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Finds the folder with Janus's plugins, transports, events and loggers subfolders.</summary>
    public static string FindModulesFolder()
    {
        string[] candidates =
        [
            "/usr/lib/x86_64-linux-gnu/janus",
            "/usr/lib/aarch64-linux-gnu/janus",
            "/usr/lib/janus",
            "/usr/local/lib/janus",
            "/opt/janus/lib/janus",
        ];
        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "plugins", "libjanus_videoroom.so")))
            ?? throw new HarnessException("Janus's plugins (libjanus_videoroom.so) were not found. Run './run setup' (or 'apt-get install -y janus') and try again.");
    }

    [GeneratedRegex(@"\{\{([A-Z0-9_]+)\}\}")]
    private static partial Regex Placeholder();
}
