using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace JanusFleet.Janus.Bench;

/// <summary>
/// The baseline over WebSocket: one <see cref="ClientWebSocket"/> ("janus-protocol"), a send lock (a WebSocket takes
/// one send at a time) and a dictionary from transaction to waiter: the least any multiplexing client needs.
/// </summary>
internal sealed class BareWebSocketJanus : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly ConcurrentDictionary<string, Waiter> _waiting = new(StringComparer.Ordinal);
    private readonly string _secret;
    private Task _receive = Task.CompletedTask;
    private long _transaction;
    private long _session;
    private long _handle;

    private BareWebSocketJanus(string secret)
    {
        _secret = secret;
    }

    /// <summary>Opens the socket, creates a session and attaches a VideoRoom handle, the bare way.</summary>
    public static async Task<BareWebSocketJanus> OpenAsync(Uri uri, string secret, CancellationToken cancellationToken)
    {
        var bare = new BareWebSocketJanus(secret);
        try
        {
            bare._socket.Options.AddSubProtocol("janus-protocol");
            bare._socket.Options.KeepAliveInterval = TimeSpan.Zero;
            await bare._socket.ConnectAsync(uri, cancellationToken);
            bare._receive = bare.ReceiveAsync();
            using (var created = await bare.SendAsync("create", string.Empty, false, cancellationToken))
            {
                bare._session = Expect(created, "success").GetProperty("data").GetProperty("id").GetInt64();
            }

            using (var attached = await bare.SendAsync("attach", Session(bare._session) + ",\"plugin\":\"janus.plugin.videoroom\"", false, cancellationToken))
            {
                bare._handle = Expect(attached, "success").GetProperty("data").GetProperty("id").GetInt64();
            }

            return bare;
        }
        catch
        {
            await bare.DisposeAsync();
            throw;
        }
    }

    public async Task InfoAsync(CancellationToken cancellationToken)
    {
        using var answer = await SendAsync("info", string.Empty, false, cancellationToken);
        Expect(answer, "server_info");
    }

    public async Task KeepaliveAsync(CancellationToken cancellationToken)
    {
        using var answer = await SendAsync("keepalive", Session(_session), true, cancellationToken);
        Expect(answer, "ack");
    }

    public async Task<bool> ExistsAsync(long room, CancellationToken cancellationToken)
    {
        var fields = string.Create(CultureInfo.InvariantCulture, $"{Session(_session)},\"handle_id\":{_handle},\"body\":{{\"request\":\"exists\",\"room\":{room}}}");
        using var answer = await SendAsync("message", fields, false, cancellationToken);
        return Expect(answer, "success").GetProperty("plugindata").GetProperty("data").GetProperty("exists").GetBoolean();
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
            {
                // Best effort: aborted next.
            }
        }

        _socket.Abort();
        await _receive;
        _socket.Dispose();
        _sendGate.Dispose();
    }

    private static string Session(long id) => string.Create(CultureInfo.InvariantCulture, $",\"session_id\":{id}");

    private async Task<JsonDocument> SendAsync(string verb, string fields, bool ackIsAnswer, CancellationToken cancellationToken)
    {
        var tx = "bare" + Interlocked.Increment(ref _transaction).ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes($"{{\"janus\":\"{verb}\",\"transaction\":\"{tx}\",\"apisecret\":\"{_secret}\"{fields}}}");
        var waiter = new Waiter(ackIsAnswer);
        _waiting[tx] = waiter;
        await _sendGate.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            _sendGate.Release();
        }

        return await waiter.Completion.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.GetMemory(8 * 1024), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage);

                var message = JsonDocument.Parse(buffer.WrittenMemory.ToArray());
                var root = message.RootElement;
                if (root.TryGetProperty("transaction", out var t) && t.GetString() is { } tx
                    && _waiting.TryGetValue(tx, out var waiter)
                    && (waiter.AckIsAnswer || !root.GetProperty("janus").ValueEquals("ack"))
                    && _waiting.TryRemove(tx, out _))
                {
                    waiter.Completion.TrySetResult(message);
                }
                else
                {
                    message.Dispose();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            foreach (var (_, waiter) in _waiting)
            {
                waiter.Completion.TrySetException(ex);
            }
        }
    }

    private static JsonElement Expect(JsonDocument answer, string verb)
    {
        var root = answer.RootElement;
        return root.GetProperty("janus").ValueEquals(verb)
            ? root
            : throw new InvalidOperationException($"Janus answered '{root.GetRawText()}' where '{verb}' was expected.");
    }

    private sealed class Waiter(bool ackIsAnswer)
    {
        public bool AckIsAnswer { get; } = ackIsAnswer;

        public TaskCompletionSource<JsonDocument> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
