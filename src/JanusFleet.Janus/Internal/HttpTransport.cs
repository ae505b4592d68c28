using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace JanusFleet.Janus.Internal;

/// <summary>
/// Requests are HTTP POSTs whose response bodies are fed to the sink like any other message; events come from one
/// continuous long-poll GET loop per session, which is also what keeps the session alive on Janus.
/// </summary>
internal sealed class HttpTransport : IJanusTransport
{
    private const int MaxCachedPaths = 8192;
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private readonly JanusConnectionOptions _options;
    private readonly HttpClient _requests;
    private readonly HttpClient _longPolls;
    private readonly List<HttpClient> _owned = [];
    private readonly string _base;
    private readonly Uri _baseUri;
    private readonly string _query;
    private readonly CancellationTokenSource _disposed = new();
    private readonly ConcurrentDictionary<long, Poll> _polls = new();
    private readonly ConcurrentDictionary<Poll, byte> _running = new();
    private readonly ConcurrentDictionary<(long SessionId, long HandleId), Uri> _paths = new();
    private ITransportSink? _sink;

    public HttpTransport(JanusConnectionOptions options, JanusCredentials credentials)
    {
        _options = options;
        _base = options.Uri.ToString().TrimEnd('/');
        _baseUri = new Uri(_base);
        _query = credentials.ToQuery();
        // Requests and long-polls get separate pools: in one pool, a request could wait for a connection that a
        // long-poll holds for up to ~30 s (Janus answers an idle GET only then). Both pools together stay under
        // HttpMaxConnections, which stays under libmicrohttpd's connection limit.
        if (options.HttpMessageHandler is { } handler)
        {
            _requests = Client(handler, owned: false);
        }
        else
        {
            RequestHandler = NewHandler(options.HttpRequestConnections);
            _requests = Client(RequestHandler, owned: true);
        }

        if (options.HttpLongPollMessageHandler is { } pollHandler)
        {
            _longPolls = Client(pollHandler, owned: false);
        }
        else if (options.HttpMessageHandler is not null)
        {
            _longPolls = _requests;
        }
        else
        {
            LongPollHandler = NewHandler(options.HttpMaxConnections - options.HttpRequestConnections);
            _longPolls = Client(LongPollHandler, owned: true);
        }
    }

    /// <summary>The request pool's handler this transport created, or null when the caller passed one in.</summary>
    internal SocketsHttpHandler? RequestHandler { get; }

    /// <summary>The long-poll pool's handler this transport created, or null when the caller passed one in.</summary>
    internal SocketsHttpHandler? LongPollHandler { get; }

    private static SocketsHttpHandler NewHandler(int maxConnections) => new()
    {
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
        // Unbounded, keepalives beside 1,000 long-polls opened connections past Janus's accept limit and stalled.
        MaxConnectionsPerServer = maxConnections,
    };

    private HttpClient Client(HttpMessageHandler handler, bool owned)
    {
        var client = new HttpClient(handler, disposeHandler: owned) { Timeout = Timeout.InfiniteTimeSpan };
        if (owned)
        {
            _owned.Add(client);
        }

        return client;
    }

    public bool KeepsSessionsAlive => true;

    /// <summary>The handler this transport created, or null when the caller passed one in.</summary>
    internal SocketsHttpHandler? OwnHandler { get; }

    public Task ConnectAsync(ITransportSink sink, CancellationToken cancellationToken)
    {
        _sink = sink;
        return Task.CompletedTask;
    }

    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var url = message.SessionId == 0 ? _baseUri : PathOf(message.SessionId, message.HandleId);
        using var content = new ReadOnlyMemoryContent(message.Payload);
        content.Headers.ContentType = JsonType;
        JsonElement answer;
        try
        {
            using var response = await _requests.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            answer = MessageParser.Parse(bytes);
        }
        catch (HttpRequestException ex)
        {
            throw new JanusTransportException($"POST {_base} failed.", ex);
        }
        catch (JsonException ex)
        {
            throw new JanusTransportException($"Janus answered a POST to {_base} with something that is not JSON.", ex);
        }

        _sink?.OnMessage(answer);
    }

    /// <summary>
    /// The parsed URL of a session or handle, kept while its session is tracked: formatting and parsing a Uri cost more
    /// than the rest of the client's work on a keepalive.
    /// </summary>
    private Uri PathOf(long sessionId, long handleId)
    {
        if (_paths.TryGetValue((sessionId, handleId), out var cached))
        {
            return cached;
        }

        var url = handleId == 0
            ? new Uri(string.Create(CultureInfo.InvariantCulture, $"{_base}/{sessionId}"))
            : new Uri(string.Create(CultureInfo.InvariantCulture, $"{_base}/{sessionId}/{handleId}"));
        if (_paths.Count >= MaxCachedPaths)
        {
            // Handles detached long ago are not tracked one by one; a full cache simply starts again.
            _paths.Clear();
        }

        _paths[(sessionId, handleId)] = url;
        return url;
    }

    public void TrackSession(long sessionId)
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        var poll = new Poll(CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token));
        if (_polls.TryAdd(sessionId, poll))
        {
            _running[poll] = 0;
            poll.Loop = PollAsync(sessionId, poll);
        }
        else
        {
            poll.Stop.Dispose();
        }
    }

    public void UntrackSession(long sessionId)
    {
        foreach (var (key, _) in _paths)
        {
            if (key.SessionId == sessionId)
            {
                _paths.TryRemove(key, out _);
            }
        }

        if (_polls.TryRemove(sessionId, out var poll))
        {
            try
            {
                poll.Stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The loop already ended on its own (458 or timeout).
            }
        }
    }

    private async Task PollAsync(long sessionId, Poll poll)
    {
        // Yield so TrackSession returns before the first GET starts.
        await Task.Yield();
        var cancellationToken = poll.Stop.Token;
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"{_base}/{sessionId}?maxev={_options.LongPollMaxEvents}{_query}"));
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    using var response = await _longPolls.GetAsync(url, cancellationToken).ConfigureAwait(false);
                    var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                    var answer = MessageParser.Parse(bytes);
                    var lost = false;
                    if (answer.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in answer.EnumerateArray())
                        {
                            lost |= IsSessionGone(item);
                            _sink?.OnMessage(item);
                        }
                    }
                    else
                    {
                        lost = IsSessionGone(answer);
                        _sink?.OnMessage(answer);
                    }

                    if (lost)
                    {
                        return;
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is HttpRequestException or JsonException or IOException)
                {
                    // Janus is unreachable or restarting: keep polling so the session survives a short outage.
                    try
                    {
                        await Task.Delay(_options.ReconnectDelay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            _polls.TryRemove(new KeyValuePair<long, Poll>(sessionId, poll));
            _running.TryRemove(poll, out _);
            poll.Stop.Dispose();
        }
    }

    private static bool IsSessionGone(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object
        && message.TryGetProperty(JanusProtocol.Janus, out var verb)
        && ((verb.ValueEquals(JanusProtocol.Error)
            && message.TryGetProperty(JanusProtocol.Error, out var error)
            && error.TryGetProperty(JanusProtocol.Code, out var code)
            && code.TryGetInt32(out var c) && c == (int)JanusErrorCode.SessionNotFound)
            || verb.ValueEquals(JanusProtocol.Timeout));

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        foreach (var (poll, _) in _running)
        {
            await poll.Loop.ConfigureAwait(false);
        }

        foreach (var client in _owned)
        {
            client.Dispose();
        }

        _disposed.Dispose();
    }

    private sealed class Poll(CancellationTokenSource stop)
    {
        public CancellationTokenSource Stop { get; } = stop;

        public Task Loop { get; set; } = Task.CompletedTask;
    }
}
