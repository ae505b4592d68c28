using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TestHarness.Network;
using TestHarness.Processes;

namespace TestHarness.Janus;

/// <summary>
/// A private Janus 1.1.2 instance for tests and demos: config rendered from deploy/janus into its own folder, HTTP,
/// WebSocket and Admin APIs on 127.0.0.1, VideoRoom and AudioBridge only, optionally inside a <see cref="NetworkNamespace"/>
/// for real media. Stopping it ends the process and removes its folder (unless <see cref="JanusOptions.Folder"/> was given).
/// </summary>
public sealed class JanusServer : IAsyncDisposable
{
    /// <summary>Log lines that mean a transport or plugin did not come up although Janus kept running.</summary>
    private static readonly string[] StartFailures = ["could not be initialized", "Couldn't start webserver", "ERROR on binding", "[FATAL]"];

    private readonly TempFolder? _temp;
    private readonly HttpClient _http;
    private readonly List<int> _bridges;
    private int _stopped;
    private string? _answeringServerName;

    private JanusServer(Setup setup, ChildProcess process, HttpClient http)
    {
        _temp = setup.Temp;
        _bridges = setup.Bridges;
        _http = http;
        Process = process;
        Folder = setup.Folder;
        ConfigFolder = setup.ConfigFolder;
        RecordingFolder = setup.RecordingFolder;
        ApiSecret = setup.ApiSecret;
        AdminSecret = setup.AdminSecret;
        TokenAuthSecret = setup.TokenAuthSecret;
        ServerName = setup.ServerName;
        RtpPortRange = setup.RtpPortRange;
        DefaultRoom = setup.Options.DefaultRoom;
        Namespace = setup.Options.Namespace;
        EventHandlerUrl = setup.Options.EventHandlerUrl;
        HttpUrl = new Uri($"http://127.0.0.1:{setup.HttpPort}/janus");
        AdminUrl = new Uri($"http://127.0.0.1:{setup.AdminPort}/admin");
        WebSocketUrl = new Uri($"ws://127.0.0.1:{setup.WebSocketPort}/");
        AdminWebSocketUrl = setup.AdminWebSocketPort is { } aws ? new Uri($"ws://127.0.0.1:{aws}/") : null;
    }

    /// <summary>The Janus API over HTTP, e.g. http://127.0.0.1:PORT/janus (the same URL works inside the namespace).</summary>
    public Uri HttpUrl { get; }

    /// <summary>The Admin API over HTTP, e.g. http://127.0.0.1:PORT/admin.</summary>
    public Uri AdminUrl { get; }

    /// <summary>The Janus API over WebSocket (subprotocol "janus-protocol"), e.g. ws://127.0.0.1:PORT/.</summary>
    public Uri WebSocketUrl { get; }

    /// <summary>The Admin API over WebSocket (subprotocol "janus-admin-protocol"), if <see cref="JanusOptions.AdminWebSocket"/> was set.</summary>
    public Uri? AdminWebSocketUrl { get; }

    /// <summary>The secret every Janus API request must carry as "apisecret" (or a valid token).</summary>
    public string ApiSecret { get; }

    /// <summary>The secret every Admin API request must carry as "admin_secret".</summary>
    public string AdminSecret { get; }

    /// <summary>The HMAC secret for signed tokens; null unless signed tokens are on.</summary>
    public string? TokenAuthSecret { get; }

    /// <summary>The unique server name Janus reports in "info", so the harness knows it talks to its own instance.</summary>
    public string ServerName { get; }

    /// <summary>The RTP/ICE port range Janus uses ("20000-20199").</summary>
    public string RtpPortRange { get; }

    /// <summary>The id of the VideoRoom and the AudioBridge room configured at start.</summary>
    public long DefaultRoom { get; }

    /// <summary>The folder holding config, log and recordings.</summary>
    public string Folder { get; }

    /// <summary>The folder Janus reads its .jcfg files from.</summary>
    public string ConfigFolder { get; }

    /// <summary>Where recordings go: the default rooms' rec_dir, and the folder to pass as "rec_dir" when creating rooms.</summary>
    public string RecordingFolder { get; }

    /// <summary>The namespace Janus runs in, or null on the plain loopback (signaling only: no ICE candidates there).</summary>
    public NetworkNamespace? Namespace { get; }

    /// <summary>Where the event handler posts (as the test sees it), or null without an event handler.</summary>
    public Uri? EventHandlerUrl { get; }

    /// <summary>The janus process (to signal a crash, wait for a log line, or read its output).</summary>
    public ChildProcess Process { get; }

    /// <summary>Renders the config, starts Janus and waits until its own "info" answers on every API; throws a <see cref="HarnessException"/> saying why not.</summary>
    public static async Task<JanusServer> StartAsync(JanusOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new JanusOptions();
        options.Validate();
        var janus = RequiredTool.Find("janus", "janus");
        var modules = JanusConfigWriter.FindModulesFolder();

        var setup = new Setup(options);
        ChildProcess? process = null;
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var eventBackend = await setup.PrepareAsync(cancellationToken).ConfigureAwait(false);
            JanusConfigWriter.Write(setup.ConfigFolder, setup.Values(modules, eventBackend));

            string[] arguments = ["-F", setup.ConfigFolder, "-C", Path.Combine(setup.ConfigFolder, "janus.jcfg")];
            var log = Path.Combine(setup.Folder, "janus.log");
            process = options.Namespace is { } ns
                ? ns.StartProcess("janus", janus, arguments, setup.Folder, logFile: log)
                : ChildProcess.Start("janus", janus, arguments, setup.Folder, logFile: log);

            var running = process;
            await process.WaitUntilReadyAsync(
                _ => Task.FromResult(setup.Ports.All(p => ListeningSockets.IsListening(running.Pid, p)) || HasStartFailure(running)),
                options.StartTimeout,
                $"listening on ports {string.Join(", ", setup.Ports)}",
                cancellationToken).ConfigureAwait(false);
            ThrowOnStartFailure(process, setup);

            if (options.Namespace is { } space)
            {
                foreach (var port in setup.Ports)
                {
                    setup.Bridges.Add(await space.ExposeAsync(port, cancellationToken: cancellationToken).ConfigureAwait(false));
                }
            }

            var server = new JanusServer(setup, process, http);
            await process.WaitUntilReadyAsync(server.AnswersInfoAsync, options.StartTimeout, $"answering 'info' on {server.HttpUrl}", cancellationToken).ConfigureAwait(false);
            if (server._answeringServerName != setup.ServerName)
            {
                throw new HarnessException($"Another Janus ('{server._answeringServerName}') answers on {server.HttpUrl}: the port is taken. Our Janus printed:\n{process.OutputTail()}");
            }

            ThrowOnStartFailure(process, setup);
            return server;
        }
        catch
        {
            if (process is not null)
            {
                await process.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }

            await CloseBridgesAsync(options.Namespace, setup.Bridges).ConfigureAwait(false);
            http.Dispose();
            setup.Temp?.Dispose();
            throw;
        }
    }

    /// <summary>The last lines Janus printed.</summary>
    public string LogTail(int lines = 40) => Process.OutputTail(lines);

    /// <summary>
    /// A signed token Janus accepts instead of the API secret (needs <see cref="JanusOptions.SignedTokens"/>):
    /// "&lt;expiry&gt;,janus,&lt;plugin&gt;[,…]:" + base64(HMAC-SHA1(secret, that prefix)).
    /// </summary>
    public string CreateSignedToken(DateTimeOffset expiresAt, params string[] plugins)
    {
        var secret = TokenAuthSecret ?? throw new InvalidOperationException("This Janus runs without signed tokens; start it with JanusOptions.SignedTokens.");
        if (plugins.Length == 0)
        {
            throw new ArgumentException("A token must name at least one plugin, e.g. janus.plugin.videoroom.", nameof(plugins));
        }

        var payload = string.Join(',', [expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), "janus", .. plugins]);
        var signature = HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload));
        return payload + ":" + Convert.ToBase64String(signature);
    }

    /// <summary>Stops Janus (SIGTERM, then the whole tree), its bridges, and removes its temp folder. Idempotent.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            await Process.StopAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            await CloseBridgesAsync(Namespace, _bridges).ConfigureAwait(false);
        }
        finally
        {
            _http.Dispose();
            _temp?.Dispose();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static bool HasStartFailure(ChildProcess process) =>
        process.OutputTail(200).Split('\n').Any(l => StartFailures.Any(f => l.Contains(f, StringComparison.Ordinal)));

    private static void ThrowOnStartFailure(ChildProcess process, Setup setup)
    {
        if (HasStartFailure(process))
        {
            throw new HarnessException(
                $"Janus started but a transport or plugin failed (is a port among {string.Join(", ", setup.Ports)} taken?). Its output:\n{process.OutputTail(60)}");
        }
    }

    private static async Task CloseBridgesAsync(NetworkNamespace? space, List<int> bridges)
    {
        if (space is null)
        {
            return;
        }

        foreach (var port in bridges)
        {
            await space.CloseBridgeAsync(port).ConfigureAwait(false);
        }

        bridges.Clear();
    }

    private async Task<bool> AnswersInfoAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(HttpUrl, new JsonObject { ["janus"] = "info", ["transaction"] = "harness-ready" }, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var root = body.RootElement;
        if (root.GetProperty("janus").GetString() != "server_info")
        {
            return false;
        }

        // Another Janus on a port we were given answers too; note it and stop waiting.
        _answeringServerName = root.GetProperty("server-name").GetString();
        return true;
    }

    /// <summary>Everything decided before Janus starts: folders, ports, secrets, bridges.</summary>
    private sealed class Setup
    {
        public Setup(JanusOptions options)
        {
            Options = options;
            if (options.Folder is { } folder)
            {
                Folder = Path.GetFullPath(folder);
                Directory.CreateDirectory(Folder);
            }
            else
            {
                Temp = TempFolder.Create("janus");
                Folder = Temp.Path;
            }

            ConfigFolder = Path.Combine(Folder, "config");
            RecordingFolder = Path.Combine(Folder, "recordings");
            Directory.CreateDirectory(ConfigFolder);
            Directory.CreateDirectory(RecordingFolder);

            HttpPort = options.HttpPort ?? PortAllocator.Next();
            AdminPort = options.AdminPort ?? PortAllocator.Next();
            WebSocketPort = options.WebSocketPort ?? PortAllocator.Next();
            AdminWebSocketPort = options.AdminWebSocket ? options.AdminWebSocketPort ?? PortAllocator.Next() : null;
            Ports = AdminWebSocketPort is { } aws ? [HttpPort, AdminPort, WebSocketPort, aws] : [HttpPort, AdminPort, WebSocketPort];

            ApiSecret = options.ApiSecret ?? RandomSecret();
            AdminSecret = options.AdminSecret ?? RandomSecret();
            TokenAuthSecret = options.SignedTokens || options.TokenAuthSecret is not null ? options.TokenAuthSecret ?? RandomSecret() : null;
            ServerName = "harness-" + RandomNumberGenerator.GetHexString(8, lowercase: true);
            RtpPortRange = options.RtpPortRange ?? RangeOf(PortAllocator.NextRange(200), 200);
        }

        public JanusOptions Options { get; }

        public TempFolder? Temp { get; }

        public string Folder { get; }

        public string ConfigFolder { get; }

        public string RecordingFolder { get; }

        public int HttpPort { get; }

        public int AdminPort { get; }

        public int WebSocketPort { get; }

        public int? AdminWebSocketPort { get; }

        public int[] Ports { get; }

        public string ApiSecret { get; }

        public string AdminSecret { get; }

        public string? TokenAuthSecret { get; }

        public string ServerName { get; }

        public string RtpPortRange { get; }

        /// <summary>Ports bridged through the namespace, closed on stop.</summary>
        public List<int> Bridges { get; } = [];

        /// <summary>Bridges the event handler URL into the namespace if needed; returns the URL Janus posts to.</summary>
        public async Task<Uri?> PrepareAsync(CancellationToken cancellationToken)
        {
            if (Options.EventHandlerUrl is not { } url)
            {
                return null;
            }

            if (Options.Namespace is not { } space)
            {
                return url;
            }

            // Inside the namespace the test's listener is reached through a reverse bridge on a port of its own.
            var inside = await space.ReverseAsync(url.Port, PortAllocator.Next(), cancellationToken).ConfigureAwait(false);
            Bridges.Add(inside);
            return new UriBuilder(url) { Host = "127.0.0.1", Port = inside }.Uri;
        }

        public Dictionary<string, string> Values(string modules, Uri? eventBackend)
        {
            var inNamespace = Options.Namespace is not null;
            var disabledEvents = eventBackend is null
                ? [.. JanusConfigWriter.OtherEventHandlers, JanusConfigWriter.SampleEventHandler]
                : JanusConfigWriter.OtherEventHandlers;
            var tokenLines = TokenAuthSecret is { } secret
                ? $"\ttoken_auth = true\n\ttoken_auth_secret = \"{secret}\""
                : Options.StoredTokens ? "\ttoken_auth = true" : "\ttoken_auth = false";
            return new Dictionary<string, string>
            {
                ["CONFIG_FOLDER"] = ConfigFolder,
                ["PLUGINS_FOLDER"] = Path.Combine(modules, "plugins"),
                ["TRANSPORTS_FOLDER"] = Path.Combine(modules, "transports"),
                ["EVENTS_FOLDER"] = Path.Combine(modules, "events"),
                ["LOGGERS_FOLDER"] = Path.Combine(modules, "loggers"),
                ["DEBUG_LEVEL"] = Options.DebugLevel.ToString(CultureInfo.InvariantCulture),
                ["SERVER_NAME"] = ServerName,
                ["API_SECRET"] = ApiSecret,
                ["ADMIN_SECRET"] = AdminSecret,
                ["TOKEN_AUTH_LINES"] = tokenLines,
                ["INTERFACE"] = inNamespace ? NetworkNamespace.Address : "127.0.0.1",
                ["SESSION_TIMEOUT"] = Options.SessionTimeout.ToString(CultureInfo.InvariantCulture),
                ["RECLAIM_SESSION_TIMEOUT"] = Options.ReclaimSessionTimeout.ToString(CultureInfo.InvariantCulture),
                ["RTP_PORT_RANGE"] = RtpPortRange,

                // On the plain loopback Janus gathers no candidates at all, and so never touches the machine's real interfaces.
                ["ICE_ENFORCE_LIST"] = inNamespace ? NetworkNamespace.InterfaceName : "lo",
                ["DISABLED_PLUGINS"] = string.Join(',', JanusConfigWriter.DisabledPlugins),
                ["DISABLED_TRANSPORTS"] = string.Join(',', JanusConfigWriter.DisabledTransports),
                ["EVENTS_BROADCAST"] = eventBackend is null ? "false" : "true",
                ["DISABLED_EVENT_HANDLERS"] = string.Join(',', disabledEvents),
                ["STATS_PERIOD"] = Options.StatsPeriod.ToString(CultureInfo.InvariantCulture),
                ["BIND_IP"] = "127.0.0.1",
                ["HTTP_PORT"] = HttpPort.ToString(CultureInfo.InvariantCulture),
                ["MHD_CONNECTION_LIMIT"] = Options.HttpConnectionLimit.ToString(CultureInfo.InvariantCulture),
                ["ADMIN_PORT"] = AdminPort.ToString(CultureInfo.InvariantCulture),
                ["WS_PORT"] = WebSocketPort.ToString(CultureInfo.InvariantCulture),
                ["ADMIN_WS"] = AdminWebSocketPort is null ? "false" : "true",
                ["ADMIN_WS_PORT"] = (AdminWebSocketPort ?? 0).ToString(CultureInfo.InvariantCulture),
                ["STRING_IDS"] = Options.StringIds ? "true" : "false",
                ["DEFAULT_ROOM"] = Options.DefaultRoom.ToString(CultureInfo.InvariantCulture),
                ["RECORDING_FOLDER"] = RecordingFolder,
                ["EVENTS_ENABLED"] = eventBackend is null ? "false" : "true",
                ["EVENT_TYPES"] = Options.EventTypes,
                ["EVENT_BACKEND"] = eventBackend?.AbsoluteUri ?? "http://127.0.0.1:9/unused",
            };
        }

        private static string RandomSecret() => RandomNumberGenerator.GetHexString(32, lowercase: true);

        private static string RangeOf(int start, int count) =>
            string.Create(CultureInfo.InvariantCulture, $"{start}-{start + count - 1}");
    }
}
