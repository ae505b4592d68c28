using System.Text.Json;

namespace JanusFleet.Janus.Internal;

/// <summary>
/// The Admin API over Janus's admin WebSocket ("janus-admin-protocol"): requests carry session_id/handle_id in the body
/// and answers are matched by transaction. Opened on the first request; reopened on the next request after a drop.
/// </summary>
internal sealed class AdminWebSocketLink : ITransportSink, IAsyncDisposable
{
    private readonly JanusConnectionOptions _options;
    private readonly TransactionTable _transactions;
    private readonly SemaphoreSlim _opening = new(1, 1);
    private WebSocketTransport? _transport;
    private bool _disposed;

    public AdminWebSocketLink(Uri uri, TimeSpan requestTimeout, TimeProvider timeProvider)
    {
        _options = new JanusConnectionOptions { Uri = uri, RequestTimeout = requestTimeout, TimeProvider = timeProvider, ReconnectWindow = TimeSpan.Zero };
        _transactions = new TransactionTable(timeProvider);
    }

    public async Task<JsonElement> RequestAsync(string verb, long sessionId, long handleId, JanusCredentials credentials, Action<Utf8JsonWriter>? fields, CancellationToken cancellationToken)
    {
        var transport = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var tx = _transactions.Register(verb, sessionId, handleId, completesOnAck: false, _options.RequestTimeout, cancellationToken);
        var payload = RequestWriter.Write(verb, tx.Id, sessionId, handleId, credentials, fields);
        return await _transactions.SendAndWaitAsync(transport, tx, new OutgoingMessage(payload, sessionId, handleId), cancellationToken).ConfigureAwait(false);
    }

    private async Task<WebSocketTransport> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_transport is { } open)
        {
            return open;
        }

        await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_transport is null)
            {
                var transport = new WebSocketTransport(_options, JanusProtocol.AdminWebSocketSubprotocol);
                try
                {
                    await transport.ConnectAsync(this, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await transport.DisposeAsync().ConfigureAwait(false);
                    throw;
                }

                _transport = transport;
            }

            return _transport;
        }
        finally
        {
            _opening.Release();
        }
    }

    void ITransportSink.OnMessage(JsonElement message)
    {
        if (EventParser.Str(message, JanusProtocol.Transaction) is { } id)
        {
            _transactions.Complete(id, message);
        }
    }

    void ITransportSink.OnDisconnected(Exception reason) =>
        _transactions.FailAll(tx => new JanusTransportException($"The Admin API WebSocket dropped while '{tx.Verb}' was in flight.", reason));

    Task ITransportSink.OnReconnectedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    void ITransportSink.OnClosed(Exception reason)
    {
        // No reconnect window: the next request opens a new socket.
        _transactions.FailAll(tx => new JanusTransportException($"The Admin API WebSocket closed while '{tx.Verb}' was in flight.", reason));
        _transport = null;
    }

    /// <summary>Stops at once (synchronous Dispose).</summary>
    public void Shutdown()
    {
        _disposed = true;
        _transport?.Shutdown();
        _transactions.FailAll(tx => new JanusTransportException($"The Admin API client was disposed while '{tx.Verb}' was in flight."));
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_transport is { } transport)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
        }

        _transactions.FailAll(tx => new JanusTransportException($"The Admin API client was disposed while '{tx.Verb}' was in flight."));
        _opening.Dispose();
    }
}
