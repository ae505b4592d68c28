using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using JanusFleet.Janus.Internal;

namespace JanusFleet.Janus.Admin;

/// <summary>
/// A client for the Janus Admin API (authenticated with <c>admin_secret</c>), over HTTP (<c>/admin</c>) or over the
/// admin WebSocket (subprotocol <c>janus-admin-protocol</c>), chosen by the URI scheme; the calls are the same.
/// Refusals throw <see cref="JanusErrorException"/>; an unreachable Janus throws <see cref="JanusTransportException"/>.
/// </summary>
public sealed class JanusAdminClient : IDisposable, IAsyncDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private readonly JanusAdminOptions _options;
    private readonly HttpClient? _http;
    private readonly AdminWebSocketLink? _webSocket;
    private readonly JanusCredentials _credentials;
    private readonly string _base;
    private long _counter;

    /// <summary>Creates a client; nothing is sent until the first request.</summary>
    public JanusAdminClient(JanusAdminOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _credentials = new JanusCredentials(null, null, options.AdminSecret);
        _base = options.Uri.ToString().TrimEnd('/');
        if (options.Uri.Scheme is "ws" or "wss")
        {
            _webSocket = new AdminWebSocketLink(options.Uri, options.RequestTimeout, options.TimeProvider);
            return;
        }

        _http = options.HttpMessageHandler is { } handler
            ? new HttpClient(handler, disposeHandler: false)
            : new HttpClient();
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>Janus's <c>info</c>, through the Admin API.</summary>
    public async Task<JanusServerInfo> GetInfoAsync(CancellationToken cancellationToken = default)
    {
        var r = await RequestAsync("info", 0, 0, null, cancellationToken).ConfigureAwait(false);
        return JanusServerInfo.Read(r);
    }

    /// <summary>Checks that the Admin API answers.</summary>
    public Task PingAsync(CancellationToken cancellationToken = default) =>
        RequestAsync("ping", 0, 0, null, cancellationToken);

    /// <summary>Janus's runtime settings.</summary>
    public async Task<JanusAdminStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var r = await RequestAsync("get_status", 0, 0, null, cancellationToken).ConfigureAwait(false);
        return r.GetProperty("status").Deserialize(JanusJsonContext.Default.JanusAdminStatus) ?? new JanusAdminStatus();
    }

    /// <summary>The ids of every session on Janus.</summary>
    public async Task<IReadOnlyList<long>> ListSessionsAsync(CancellationToken cancellationToken = default)
    {
        var r = await RequestAsync("list_sessions", 0, 0, null, cancellationToken).ConfigureAwait(false);
        return Ids(r, "sessions");
    }

    /// <summary>The ids of every handle of a session.</summary>
    public async Task<IReadOnlyList<long>> ListHandlesAsync(long sessionId, CancellationToken cancellationToken = default)
    {
        var r = await RequestAsync("list_handles", sessionId, 0, null, cancellationToken).ConfigureAwait(false);
        return Ids(r, "handles");
    }

    /// <summary>Everything Janus knows about a handle (ICE, DTLS, streams, plugin state), as JSON.</summary>
    public async Task<JsonElement> GetHandleInfoAsync(long sessionId, long handleId, CancellationToken cancellationToken = default)
    {
        var r = await RequestAsync("handle_info", sessionId, handleId, null, cancellationToken).ConfigureAwait(false);
        return r.GetProperty("info");
    }

    /// <summary>Starts dumping a handle's unencrypted packets to a pcap file on the Janus machine.</summary>
    public Task StartPcapAsync(long sessionId, long handleId, string folder, string filename, int? truncate = null, CancellationToken cancellationToken = default) =>
        RequestAsync("start_pcap", sessionId, handleId, w =>
        {
            w.WriteString("folder", folder);
            w.WriteString("filename", filename);
            if (truncate is { } t)
            {
                w.WriteNumber("truncate", t);
            }
        }, cancellationToken);

    /// <summary>Stops a pcap dump.</summary>
    public Task StopPcapAsync(long sessionId, long handleId, CancellationToken cancellationToken = default) =>
        RequestAsync("stop_pcap", sessionId, handleId, null, cancellationToken);

    /// <summary>Lets Janus accept new sessions or not (draining: <c>create</c> then fails with 472).</summary>
    public Task AcceptNewSessionsAsync(bool accept, CancellationToken cancellationToken = default) =>
        RequestAsync("accept_new_sessions", 0, 0, w => w.WriteBoolean("accept", accept), cancellationToken);

    /// <summary>Changes the session timeout, in seconds.</summary>
    public Task SetSessionTimeoutAsync(int seconds, CancellationToken cancellationToken = default) =>
        RequestAsync("set_session_timeout", 0, 0, w => w.WriteNumber("timeout", seconds), cancellationToken);

    /// <summary>Sends a request to a plugin's admin interface (no handle needed) and returns its response.</summary>
    public async Task<JsonElement> MessagePluginAsync(string plugin, JsonElement request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(plugin);
        var r = await RequestAsync("message_plugin", 0, 0, w =>
        {
            w.WriteString("plugin", plugin);
            w.WritePropertyName("request");
            request.WriteTo(w);
        }, cancellationToken).ConfigureAwait(false);
        return ThrowOnModuleError(r.GetProperty("response"), plugin);
    }

    /// <summary>Sends a request to an event handler and returns its response.</summary>
    public async Task<JsonElement> QueryEventHandlerAsync(string handler, JsonElement request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(handler);
        var r = await RequestAsync("query_eventhandler", 0, 0, w =>
        {
            w.WriteString("handler", handler);
            w.WritePropertyName("request");
            request.WriteTo(w);
        }, cancellationToken).ConfigureAwait(false);
        return ThrowOnModuleError(r.TryGetProperty("response", out var response) ? response : r, handler);
    }

    /// <summary>Plugins and event handlers answer "success" with their own error inside; surface it as a typed error.</summary>
    private static JsonElement ThrowOnModuleError(JsonElement response, string module)
    {
        if (response.ValueKind == JsonValueKind.Object && response.TryGetProperty(JanusProtocol.ErrorCode, out var code) && code.TryGetInt32(out var c))
        {
            throw new JanusErrorException(c, EventParser.Str(response, JanusProtocol.Error) ?? string.Empty, module);
        }

        return response;
    }

    /// <summary>Adds a stored token allowed to use <paramref name="plugins"/> (all plugins when empty).</summary>
    public Task AddTokenAsync(string token, IEnumerable<string>? plugins = null, CancellationToken cancellationToken = default) =>
        TokenRequestAsync("add_token", token, plugins, cancellationToken);

    /// <summary>Lets a stored token use more plugins.</summary>
    public Task AllowTokenAsync(string token, IEnumerable<string> plugins, CancellationToken cancellationToken = default) =>
        TokenRequestAsync("allow_token", token, plugins, cancellationToken);

    /// <summary>Stops a stored token from using some plugins.</summary>
    public Task DisallowTokenAsync(string token, IEnumerable<string> plugins, CancellationToken cancellationToken = default) =>
        TokenRequestAsync("disallow_token", token, plugins, cancellationToken);

    /// <summary>Removes a stored token.</summary>
    public Task RemoveTokenAsync(string token, CancellationToken cancellationToken = default) =>
        TokenRequestAsync("remove_token", token, null, cancellationToken);

    /// <summary>Lists the stored tokens.</summary>
    public async Task<IReadOnlyList<JanusStoredToken>> ListTokensAsync(CancellationToken cancellationToken = default)
    {
        var r = await RequestAsync("list_tokens", 0, 0, null, cancellationToken).ConfigureAwait(false);
        var data = r.TryGetProperty(JanusProtocol.Data, out var d) ? d : r;
        return data.TryGetProperty("tokens", out var tokens)
            ? tokens.Deserialize(JanusJsonContext.Default.JanusStoredTokenArray) ?? []
            : [];
    }

    private Task TokenRequestAsync(string verb, string token, IEnumerable<string>? plugins, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return RequestAsync(verb, 0, 0, w =>
        {
            w.WriteString("token", token);
            if (plugins is not null)
            {
                w.WriteStartArray("plugins");
                foreach (var p in plugins)
                {
                    w.WriteStringValue(p);
                }

                w.WriteEndArray();
            }
        }, cancellationToken);
    }

    private async Task<JsonElement> RequestAsync(string verb, long sessionId, long handleId, Action<Utf8JsonWriter>? fields, CancellationToken cancellationToken)
    {
        var answer = _webSocket is not null
            ? await _webSocket.RequestAsync(verb, sessionId, handleId, _credentials, fields, cancellationToken).ConfigureAwait(false)
            : await PostAsync(verb, sessionId, handleId, fields, cancellationToken).ConfigureAwait(false);
        if (EventParser.Str(answer, JanusProtocol.Janus) == JanusProtocol.Error)
        {
            var error = answer.GetProperty(JanusProtocol.Error);
            throw new JanusErrorException(EventParser.Int(error, JanusProtocol.Code) ?? 0, EventParser.Str(error, JanusProtocol.Reason) ?? string.Empty);
        }

        return answer;
    }

    /// <summary>Over HTTP the session and handle go in the URL path; the answer is the response body.</summary>
    private async Task<JsonElement> PostAsync(string verb, long sessionId, long handleId, Action<Utf8JsonWriter>? fields, CancellationToken cancellationToken)
    {
        var transaction = "a" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture);
        var payload = RequestWriter.Write(verb, transaction, 0, 0, _credentials, fields);
        var url = sessionId == 0 ? _base
            : handleId == 0 ? $"{_base}/{sessionId}"
            : $"{_base}/{sessionId}/{handleId}";
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = JsonType;
        try
        {
            using var response = await _http!.PostAsync(new Uri(url), content, linked.Token).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            return JsonSerializer.Deserialize(bytes, JanusJsonContext.Default.JsonElement);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new JanusTimeoutException(verb, _options.RequestTimeout);
        }
        catch (HttpRequestException ex)
        {
            throw new JanusTransportException($"POST {_base} failed.", ex);
        }
        catch (JsonException ex)
        {
            throw new JanusTransportException($"The Admin API at {_base} answered with something that is not JSON.", ex);
        }
    }

    private static long[] Ids(JsonElement r, string name) =>
        r.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(e => e.GetInt64()).ToArray()
            : [];

    /// <summary>Releases the HTTP client, or stops the WebSocket at once (prefer <see cref="DisposeAsync"/>, which closes it cleanly).</summary>
    public void Dispose()
    {
        _http?.Dispose();
        _webSocket?.Shutdown();
    }

    /// <summary>Releases the HTTP client, or closes the WebSocket.</summary>
    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_webSocket is not null)
        {
            await _webSocket.DisposeAsync().ConfigureAwait(false);
        }
    }
}
