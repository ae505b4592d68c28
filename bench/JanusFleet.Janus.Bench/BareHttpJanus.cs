using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace JanusFleet.Janus.Bench;

/// <summary>
/// The baseline over HTTP: a plain <see cref="HttpClient"/> POSTing hand-written Janus JSON and checking the answer,
/// with nothing else (no transaction table, no long-poll, no typed results).
/// </summary>
internal sealed class BareHttpJanus : IAsyncDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90) }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly Uri _base;
    private readonly string _secret;
    private Uri _session = null!;
    private Uri _handle = null!;
    private readonly CancellationTokenSource _closing = new();
    private Task _poll = Task.CompletedTask;
    private long _transaction;

    private BareHttpJanus(Uri baseUri, string secret)
    {
        _base = baseUri;
        _secret = secret;
    }

    /// <summary>Creates a session and attaches a VideoRoom handle, the bare way.</summary>
    public static async Task<BareHttpJanus> OpenAsync(Uri baseUri, string secret, CancellationToken cancellationToken)
    {
        var bare = new BareHttpJanus(baseUri, secret);
        try
        {
            using (var created = await bare.PostAsync(bare._base, bare.Request("create", string.Empty), cancellationToken))
            {
                var id = Expect(created, "success").GetProperty("data").GetProperty("id").GetInt64();
                bare.SessionId = id;
                bare._session = new Uri(string.Create(CultureInfo.InvariantCulture, $"{baseUri}/{id}"));
            }

            using (var attached = await bare.PostAsync(bare._session, bare.Request("attach", ",\"plugin\":\"janus.plugin.videoroom\""), cancellationToken))
            {
                var id = Expect(attached, "success").GetProperty("data").GetProperty("id").GetInt64();
                bare._handle = new Uri(string.Create(CultureInfo.InvariantCulture, $"{bare._session}/{id}"));
            }

            return bare;
        }
        catch
        {
            await bare.DisposeAsync();
            throw;
        }
    }

    /// <summary>The session this baseline created.</summary>
    public long SessionId { get; private set; }

    public async Task InfoAsync(CancellationToken cancellationToken)
    {
        using var answer = await PostAsync(_base, Request("info", string.Empty), cancellationToken);
        Expect(answer, "server_info");
    }

    public async Task KeepaliveAsync(CancellationToken cancellationToken)
    {
        using var answer = await PostAsync(_session, Request("keepalive", string.Empty), cancellationToken);
        Expect(answer, "ack");
    }

    public async Task<bool> ExistsAsync(long room, CancellationToken cancellationToken)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $",\"body\":{{\"request\":\"exists\",\"room\":{room}}}");
        using var answer = await PostAsync(_handle, Request("message", body), cancellationToken);
        return Expect(answer, "success").GetProperty("plugindata").GetProperty("data").GetProperty("exists").GetBoolean();
    }

    /// <summary>Keeps a long-poll GET pending on the session, as any HTTP client that wants events must (an experiment switch).</summary>
    public void StartLongPoll()
    {
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"{_session}?maxev=1&apisecret={Uri.EscapeDataString(_secret)}"));
        _poll = Task.Run(async () =>
        {
            while (!_closing.IsCancellationRequested)
            {
                try
                {
                    using var response = await _http.GetAsync(url, _closing.Token);
                    await response.Content.ReadAsByteArrayAsync(_closing.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException)
                {
                    if (_closing.IsCancellationRequested)
                    {
                        return;
                    }
                }
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await _poll;
        _closing.Dispose();
        _http.Dispose();
    }

    private byte[] Request(string verb, string fields)
    {
        var tx = Interlocked.Increment(ref _transaction);
        return Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"janus\":\"{verb}\",\"transaction\":\"bare{tx}\",\"apisecret\":\"{_secret}\"{fields}}}"));
    }

    private async Task<JsonDocument> PostAsync(Uri uri, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonType;
        using var response = await _http.PostAsync(uri, content, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return JsonDocument.Parse(bytes);
    }

    private static JsonElement Expect(JsonDocument answer, string verb)
    {
        var root = answer.RootElement;
        return root.GetProperty("janus").ValueEquals(verb)
            ? root
            : throw new InvalidOperationException($"Janus answered '{root.GetRawText()}' where '{verb}' was expected.");
    }
}
