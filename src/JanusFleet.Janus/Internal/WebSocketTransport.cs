using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;

namespace JanusFleet.Janus.Internal;

/// <summary>
/// One WebSocket ("janus-protocol") shared by every session. When it drops, it reconnects within the configured
/// window and lets the connection claim its sessions again. The Admin API uses the same transport with
/// "janus-admin-protocol".
/// </summary>
internal sealed class WebSocketTransport : IJanusTransport
{
    private readonly JanusConnectionOptions _options;
    private readonly string _subprotocol;
    private readonly CancellationTokenSource _disposed = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private ClientWebSocket? _socket;
    private ITransportSink? _sink;
    private Task _loop = Task.CompletedTask;
    private Task _reclaim = Task.CompletedTask;

    public WebSocketTransport(JanusConnectionOptions options, string subprotocol = JanusProtocol.WebSocketSubprotocol)
    {
        _options = options;
        _subprotocol = subprotocol;
    }

    public bool KeepsSessionsAlive => false;

    public async Task ConnectAsync(ITransportSink sink, CancellationToken cancellationToken)
    {
        _sink = sink;
        _socket = await OpenAsync(cancellationToken).ConfigureAwait(false);
        _loop = RunAsync(_socket);
    }

    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var socket = _socket;
        if (socket is null || socket.State != WebSocketState.Open)
        {
            throw new JanusTransportException("The WebSocket to Janus is not open.");
        }

        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(message.Payload, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            throw new JanusTransportException("Sending to Janus over the WebSocket failed.", ex);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    public void TrackSession(long sessionId)
    {
    }

    public void UntrackSession(long sessionId)
    {
    }

    /// <summary>Stops at once without waiting (for a synchronous Dispose): no reconnect, the receive loop ends on its own.</summary>
    internal void Shutdown()
    {
        if (!_disposed.IsCancellationRequested)
        {
            _disposed.Cancel();
            _socket?.Abort();
        }
    }

    /// <summary>Test hook: drops the socket as a network failure would.</summary>
    internal void Abort() => _socket?.Abort();

    private async Task<ClientWebSocket> OpenAsync(CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(_subprotocol);
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        try
        {
            await socket.ConnectAsync(_options.Uri, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or HttpRequestException)
        {
            socket.Dispose();
            throw new JanusTransportException($"Could not open a WebSocket to {_options.Uri}.", ex);
        }
    }

    private async Task RunAsync(ClientWebSocket socket)
    {
        var sink = _sink!;
        while (true)
        {
            var reason = await ReceiveUntilClosedAsync(socket, sink).ConfigureAwait(false);
            socket.Dispose();
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            sink.OnDisconnected(reason);
            var next = await ReconnectAsync().ConfigureAwait(false);
            if (next is null)
            {
                sink.OnClosed(new JanusTransportException(
                    $"The WebSocket to Janus dropped and could not be reopened within {_options.ReconnectWindow.TotalSeconds:0.#} s.",
                    reason));
                return;
            }

            _socket = next;
            socket = next;

            // Claims need the receive loop running to see their answers, so they run beside it.
            await _reclaim.ConfigureAwait(false);
            _reclaim = ReclaimAsync(sink);
        }
    }

    private async Task ReclaimAsync(ITransportSink sink)
    {
        await Task.Yield();
        try
        {
            await sink.OnReconnectedAsync(_disposed.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // Closing: nothing left to claim for.
        }
    }

    private async Task<ClientWebSocket?> ReconnectAsync()
    {
        var time = _options.TimeProvider;
        var start = time.GetTimestamp();
        while (!_disposed.IsCancellationRequested && time.GetElapsedTime(start) < _options.ReconnectWindow)
        {
            try
            {
                await Task.Delay(_options.ReconnectDelay, time, _disposed.Token).ConfigureAwait(false);
                return await OpenAsync(_disposed.Token).ConfigureAwait(false);
            }
            catch (JanusTransportException)
            {
                // Janus is not back yet; try again until the window closes.
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        return null;
    }

    private async Task<Exception> ReceiveUntilClosedAsync(ClientWebSocket socket, ITransportSink sink)
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
                    var memory = buffer.GetMemory(8 * 1024);
                    result = await socket.ReceiveAsync(memory, _disposed.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return new JanusTransportException("Janus closed the WebSocket.");
                    }

                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage);

                JsonElement message;
                try
                {
                    message = MessageParser.Parse(buffer.WrittenSpan.ToArray()); // the buffer is reused for the next message
                }
                catch (JsonException)
                {
                    continue;
                }

                sink.OnMessage(message);
            }
        }
        catch (OperationCanceledException ex)
        {
            return ex;
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            return new JanusTransportException("The WebSocket to Janus dropped.", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        var socket = _socket;
        if (socket is not null && socket.State == WebSocketState.Open)
        {
            try
            {
                using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closeTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // Closing is best effort: the socket is aborted next anyway.
            }
        }

        socket?.Abort();
        await _loop.ConfigureAwait(false);
        await _reclaim.ConfigureAwait(false);
        socket?.Dispose();
        _disposed.Dispose();
        _sendGate.Dispose();
    }
}
