using TestHarness.Network;

namespace TestHarness.Janus;

/// <summary>How <see cref="JanusServer.StartAsync"/> configures a private Janus instance; every setting has a test-friendly default.</summary>
public sealed class JanusOptions
{
    /// <summary>The event types the sample event handler forwards by default.</summary>
    public const string DefaultEventTypes = "sessions,handles,webrtc,media,plugins";

    /// <summary>Where the sample event handler POSTs its batches (a 127.0.0.1 URL the test listens on); null disables event handlers.</summary>
    public Uri? EventHandlerUrl { get; init; }

    /// <summary>The comma-separated event types the event handler forwards.</summary>
    public string EventTypes { get; init; } = DefaultEventTypes;

    /// <summary>Seconds between media statistics events per handle (0 turns them off).</summary>
    public int StatsPeriod { get; init; } = 1;

    /// <summary>Seconds without a request before Janus drops a session (0 = never).</summary>
    public int SessionTimeout { get; init; } = 60;

    /// <summary>Seconds a session survives its transport closing (0 = destroyed at once).</summary>
    public int ReclaimSessionTimeout { get; init; }

    /// <summary>The Janus API secret; null picks a random one.</summary>
    public string? ApiSecret { get; init; }

    /// <summary>The Admin API secret; null picks a random one.</summary>
    public string? AdminSecret { get; init; }

    /// <summary>Turns on token authentication with HMAC-SHA1 signed tokens (OR'ed with the API secret by Janus).</summary>
    public bool SignedTokens { get; init; }

    /// <summary>The signed-token secret; null picks a random one. Setting it implies <see cref="SignedTokens"/>.</summary>
    public string? TokenAuthSecret { get; init; }

    /// <summary>
    /// Turns on token authentication with tokens stored through the Admin API (add_token, allow_token, ...): token_auth
    /// without token_auth_secret. Cannot be combined with <see cref="SignedTokens"/>.
    /// </summary>
    public bool StoredTokens { get; init; }

    /// <summary>Runs VideoRoom and AudioBridge with <c>string_ids = true</c>: room and participant ids are strings.</summary>
    public bool StringIds { get; init; }

    /// <summary>The RTP/ICE port range ("20000-20199"); null reserves a free block of 200.</summary>
    public string? RtpPortRange { get; init; }

    /// <summary>Runs Janus inside this namespace (needed for real media); its ports are exposed to the test's 127.0.0.1 under the same numbers.</summary>
    public NetworkNamespace? Namespace { get; init; }

    /// <summary>A fixed Janus API HTTP port (for a demo); null allocates a free one.</summary>
    public int? HttpPort { get; init; }

    /// <summary>A fixed Admin API HTTP port; null allocates a free one.</summary>
    public int? AdminPort { get; init; }

    /// <summary>A fixed Janus API WebSocket port; null allocates a free one.</summary>
    public int? WebSocketPort { get; init; }

    /// <summary>
    /// Janus's HTTP <c>mhd_connection_limit</c>: the most connections libmicrohttpd serves (1020, its default); each HTTP
    /// session holds one long-poll, so raise it to hold more than ~1,000 sessions over HTTP.
    /// </summary>
    public int HttpConnectionLimit { get; init; } = 1020;

    /// <summary>Also serves the Admin API over WebSocket.</summary>
    public bool AdminWebSocket { get; init; }

    /// <summary>A fixed Admin API WebSocket port (with <see cref="AdminWebSocket"/>); null allocates a free one.</summary>
    public int? AdminWebSocketPort { get; init; }

    /// <summary>A folder that keeps config, log and recordings after the server stops (for a demo); null uses a temp folder deleted on stop.</summary>
    public string? Folder { get; init; }

    /// <summary>The id of the VideoRoom and AudioBridge room configured at start (both plugins get one).</summary>
    public long DefaultRoom { get; init; } = 1234;

    /// <summary>Janus's log level, 0–7.</summary>
    public int DebugLevel { get; init; } = 4;

    /// <summary>How long Janus may take to answer its first info request.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (HttpConnectionLimit < 1)
        {
            throw new ArgumentException("HttpConnectionLimit must be at least 1.", nameof(HttpConnectionLimit));
        }

        if (StoredTokens && (SignedTokens || TokenAuthSecret is not null))
        {
            throw new ArgumentException("StoredTokens and SignedTokens/TokenAuthSecret exclude each other: Janus stores tokens only when token_auth has no secret.", nameof(StoredTokens));
        }

        if (EventHandlerUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException($"EventHandlerUrl must be an absolute http(s) URL, not '{url}'.", nameof(EventHandlerUrl));
        }

        if (Namespace is not null && EventHandlerUrl is { } inner && !inner.IsLoopback)
        {
            throw new ArgumentException($"Inside a network namespace the event handler can only reach the test's loopback, not '{inner.Host}'.", nameof(EventHandlerUrl));
        }

        if (string.IsNullOrWhiteSpace(EventTypes))
        {
            throw new ArgumentException("EventTypes must name at least one event type.", nameof(EventTypes));
        }

        Require(StatsPeriod >= 0, nameof(StatsPeriod), "must be 0 or more seconds");
        Require(SessionTimeout >= 0, nameof(SessionTimeout), "must be 0 or more seconds");
        Require(ReclaimSessionTimeout >= 0, nameof(ReclaimSessionTimeout), "must be 0 or more seconds");
        Require(DebugLevel is >= 0 and <= 7, nameof(DebugLevel), "must be between 0 and 7");
        Require(DefaultRoom > 0, nameof(DefaultRoom), "must be a positive room id");
        Require(StartTimeout > TimeSpan.Zero, nameof(StartTimeout), "must be positive");
        foreach (var (port, name) in new[] { (HttpPort, nameof(HttpPort)), (AdminPort, nameof(AdminPort)), (WebSocketPort, nameof(WebSocketPort)), (AdminWebSocketPort, nameof(AdminWebSocketPort)) })
        {
            Require(port is null or (> 0 and < 65536), name, "must be a TCP port number");
        }

        if (RtpPortRange is { } range)
        {
            var parts = range.Split('-');
            Require(
                parts.Length == 2
                    && int.TryParse(parts[0], out var low) && int.TryParse(parts[1], out var high)
                    && low is > 0 and < 65536 && high is > 0 and < 65536 && low < high,
                nameof(RtpPortRange),
                $"must look like '20000-20199', not '{range}'");
        }

        foreach (var (secret, name) in new[] { (ApiSecret, nameof(ApiSecret)), (AdminSecret, nameof(AdminSecret)), (TokenAuthSecret, nameof(TokenAuthSecret)) })
        {
            Require(secret is null || (secret.Length > 0 && !secret.Contains('"', StringComparison.Ordinal) && !secret.Contains('\\', StringComparison.Ordinal)), name, "must be non-empty and contain no quote or backslash");
        }
    }

    private static void Require(bool condition, string name, string why)
    {
        if (!condition)
        {
            throw new ArgumentException($"{name} {why}.", name);
        }
    }
}
