using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JanusFleet.Janus;

/// <summary>Where Janus is and how to talk to it.</summary>
public sealed class JanusConnectionOptions
{
    /// <summary>The Janus API address: <c>http(s)://host:8088/janus</c> or <c>ws(s)://host:8188</c>.</summary>
    public required Uri Uri { get; init; }

    /// <summary>The transport, chosen from the <see cref="Uri"/> scheme.</summary>
    public JanusTransportKind Transport =>
        Uri.Scheme is "ws" or "wss" ? JanusTransportKind.WebSocket : JanusTransportKind.Http;

    /// <summary>Janus's <c>api_secret</c>, sent with every request; null when Janus has none.</summary>
    public string? ApiSecret { get; init; }

    /// <summary>A core token (stored or signed), sent with every request; null when not used.</summary>
    public string? Token { get; init; }

    /// <summary>How long a request waits for Janus's answer.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a WebSocket session sends a keepalive. It is lowered to a third of Janus's <c>session_timeout</c>
    /// when that is shorter, so a session never times out. HTTP sessions rely on their long-poll when
    /// session_timeout is 60 s or more, and send keepalives too when it is shorter.
    /// </summary>
    public TimeSpan KeepaliveInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How many events one long-poll GET may return (<c>maxev</c>).</summary>
    public int LongPollMaxEvents { get; init; } = 10;

    /// <summary>How long a dropped WebSocket keeps trying to reconnect; keep it inside Janus's <c>reclaim_session_timeout</c>.</summary>
    public TimeSpan ReconnectWindow { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The pause between reconnect attempts (and between failed long-polls).</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How many unread events each session and handle buffers before the oldest are dropped.</summary>
    public int EventBufferCapacity { get; init; } = 4096;

    /// <summary>The clock for timeouts, keepalives and reconnects.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The most connections the HTTP transport's own handlers open to Janus, long-polls and requests together. The
    /// default, 1016, stays under libmicrohttpd's 1,020 (<c>mhd_connection_limit</c>): past that Janus stops accepting and
    /// requests stall unanswered. <see cref="HttpRequestConnections"/> of them are kept for requests (POSTs); the rest,
    /// 1,000 by default, for long-polls, one per session being held. More sessions than that still work, but their
    /// long-polls wait in the client for a free connection, so their events arrive late: hold more over WebSocket, or
    /// raise both this and <c>mhd_connection_limit</c>. Not used when <see cref="HttpMessageHandler"/> is set.
    /// </summary>
    public int HttpMaxConnections { get; init; } = DefaultHttpMaxConnections;

    /// <summary>The default for <see cref="HttpMaxConnections"/>.</summary>
    public const int DefaultHttpMaxConnections = 1016;

    /// <summary>
    /// How many of <see cref="HttpMaxConnections"/> go to requests (create, attach, message, keepalive, ...), in a pool of
    /// their own, so a request never waits for a connection held by a long-poll. Janus answers a request in well under a
    /// millisecond on a LAN, so 16 serve thousands of requests a second; raise it for a distant Janus. Must be less than
    /// <see cref="HttpMaxConnections"/>. Not used when <see cref="HttpMessageHandler"/> is set.
    /// </summary>
    public int HttpRequestConnections { get; init; } = DefaultHttpRequestConnections;

    /// <summary>The default for <see cref="HttpRequestConnections"/>.</summary>
    public const int DefaultHttpRequestConnections = 16;

    /// <summary>
    /// An HTTP handler for requests to share (connection pooling, tests); null to create one (see
    /// <see cref="HttpMaxConnections"/>). Long-polls use it too unless <see cref="HttpLongPollMessageHandler"/> is set: give
    /// both, from separate pools, or requests can queue behind long-polls.
    /// </summary>
    public HttpMessageHandler? HttpMessageHandler { get; init; }

    /// <summary>An HTTP handler for the long-poll GETs only; null to use <see cref="HttpMessageHandler"/>, or to create one.</summary>
    public HttpMessageHandler? HttpLongPollMessageHandler { get; init; }

    /// <summary>Where the client logs; secrets are never logged.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Throws <see cref="ArgumentException"/> when an option is out of range.</summary>
    public void Validate()
    {
        if (!Uri.IsAbsoluteUri || Uri.Scheme is not ("http" or "https" or "ws" or "wss"))
        {
            throw new ArgumentException($"Janus URI must be absolute http(s) or ws(s), not '{Uri}'.", nameof(Uri));
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("RequestTimeout must be positive.", nameof(RequestTimeout));
        }

        if (KeepaliveInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("KeepaliveInterval must be positive.", nameof(KeepaliveInterval));
        }

        if (LongPollMaxEvents < 1)
        {
            throw new ArgumentException("LongPollMaxEvents must be at least 1.", nameof(LongPollMaxEvents));
        }

        if (HttpMaxConnections < 2)
        {
            throw new ArgumentException("HttpMaxConnections must be at least 2 (one for requests, one for long-polls).", nameof(HttpMaxConnections));
        }

        if (HttpRequestConnections < 1 || HttpRequestConnections >= HttpMaxConnections)
        {
            throw new ArgumentException(
                $"HttpRequestConnections must be at least 1 and less than HttpMaxConnections ({HttpMaxConnections}), not {HttpRequestConnections}: the rest are for long-polls.",
                nameof(HttpRequestConnections));
        }

        if (EventBufferCapacity < 1)
        {
            throw new ArgumentException("EventBufferCapacity must be at least 1.", nameof(EventBufferCapacity));
        }

        if (ReconnectWindow < TimeSpan.Zero || ReconnectDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("Reconnect times must not be negative.", nameof(ReconnectWindow));
        }
    }
}
