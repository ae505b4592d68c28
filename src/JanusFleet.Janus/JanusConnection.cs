using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using JanusFleet.Janus.Internal;
using Microsoft.Extensions.Logging;

namespace JanusFleet.Janus;

/// <summary>
/// One link to one Janus (HTTP or WebSocket). It owns the transaction table and its sessions; disposing it fails
/// everything still in flight with <see cref="JanusTransportException"/>.
/// </summary>
public sealed class JanusConnection : IAsyncDisposable, ITransportSink
{
    private readonly IJanusTransport _transport;
    private readonly JanusCredentials _credentials;
    private readonly ConcurrentDictionary<long, JanusSession> _sessions = new();
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closing = new();
    private readonly Channel<JanusConnectionState> _stateChanges = Channel.CreateBounded<JanusConnectionState>(
        new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
    private Exception? _closedReason;
    private volatile bool _reconnecting;

    private JanusConnection(JanusConnectionOptions options, IJanusTransport transport, JanusCredentials credentials)
    {
        Options = options;
        _transport = transport;
        _credentials = credentials;
        Transactions = new TransactionTable(options.TimeProvider);
        _logger = options.LoggerFactory.CreateLogger<JanusConnection>();
    }

    /// <summary>The options this connection was opened with.</summary>
    public JanusConnectionOptions Options { get; }

    /// <summary>What Janus said about itself when the connection opened.</summary>
    public JanusServerInfo ServerInfo { get; private set; } = new();

    /// <summary>True once the connection is closed for good.</summary>
    public bool IsClosed => _closedReason is not null;

    /// <summary>True while a dropped WebSocket is being reopened.</summary>
    public bool IsReconnecting => _reconnecting;

    /// <summary>The connection's current state.</summary>
    public JanusConnectionState State => IsClosed ? JanusConnectionState.Closed : _reconnecting ? JanusConnectionState.Reconnecting : JanusConnectionState.Open;

    /// <summary>
    /// Every state change (Reconnecting, Open again, Closed), for a control plane that must re-place rooms when a
    /// Janus goes away. Completes when the connection closes.
    /// </summary>
    public ChannelReader<JanusConnectionState> StateChanges => _stateChanges.Reader;

    /// <summary>The sessions currently open on this connection.</summary>
    public IReadOnlyCollection<JanusSession> Sessions => _sessions.Values.ToArray();

    internal TransactionTable Transactions { get; }

    internal ILogger Logger => _logger;

    internal IJanusTransport Transport => _transport;

    /// <summary>The interval at which WebSocket sessions send keepalives, after fitting it inside Janus's session_timeout.</summary>
    internal TimeSpan EffectiveKeepaliveInterval
    {
        get
        {
            var interval = Options.KeepaliveInterval;
            if (ServerInfo.SessionTimeout > 0)
            {
                var third = TimeSpan.FromSeconds(ServerInfo.SessionTimeout / 3.0);
                interval = third < interval ? third : interval;
            }

            return interval;
        }
    }

    /// <summary>
    /// How long one keepalive may take: half the keepalive interval at most, so a stalled keepalive is abandoned (and
    /// logged) before the next one is due.
    /// </summary>
    internal TimeSpan KeepaliveTimeout
    {
        get
        {
            var half = EffectiveKeepaliveInterval / 2;
            return half < Options.RequestTimeout ? half : Options.RequestTimeout;
        }
    }

    /// <summary>Opens a connection and reads Janus's <c>info</c>.</summary>
    public static async Task<JanusConnection> ConnectAsync(JanusConnectionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var credentials = new JanusCredentials(options.ApiSecret, options.Token);
        IJanusTransport transport = options.Transport == JanusTransportKind.WebSocket
            ? new WebSocketTransport(options)
            : new HttpTransport(options, credentials);
        var connection = await ConnectAsync(options, transport, cancellationToken).ConfigureAwait(false);
        return connection;
    }

    internal static async Task<JanusConnection> ConnectAsync(JanusConnectionOptions options, IJanusTransport transport, CancellationToken cancellationToken)
    {
        var connection = new JanusConnection(options, transport, new JanusCredentials(options.ApiSecret, options.Token));
        try
        {
            await transport.ConnectAsync(connection, cancellationToken).ConfigureAwait(false);
            connection.ServerInfo = await connection.GetServerInfoAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Asks Janus for its <c>info</c> again.</summary>
    public async Task<JanusServerInfo> GetServerInfoAsync(CancellationToken cancellationToken = default)
    {
        var answer = await RequestAsync(JanusProtocol.Info, 0, 0, completesOnAck: false, null, cancellationToken).ConfigureAwait(false);
        return JanusServerInfo.Read(answer);
    }

    /// <summary>Creates a new session (Janus answers 472 while it is not accepting new sessions).</summary>
    public async Task<JanusSession> CreateSessionAsync(CancellationToken cancellationToken = default)
    {
        var answer = await RequestAsync(JanusProtocol.Create, 0, 0, completesOnAck: false, null, cancellationToken).ConfigureAwait(false);
        var id = EventParser.Long(answer.GetProperty(JanusProtocol.Data), JanusProtocol.Id);
        return AddSession(id);
    }

    /// <summary>Claims an existing session (for example one created by a previous process) onto this connection.</summary>
    public async Task<JanusSession> ClaimSessionAsync(long sessionId, CancellationToken cancellationToken = default)
    {
        if (_sessions.TryGetValue(sessionId, out var existing))
        {
            return existing;
        }

        await RequestAsync(JanusProtocol.Claim, sessionId, 0, completesOnAck: false, null, cancellationToken).ConfigureAwait(false);
        return AddSession(sessionId);
    }

    private JanusSession AddSession(long id)
    {
        var session = new JanusSession(this, id);
        _sessions[id] = session;
        _transport.TrackSession(id);
        session.Start();
        return session;
    }

    internal void ForgetSession(long id)
    {
        if (_sessions.TryRemove(id, out _))
        {
            _transport.UntrackSession(id);
        }
    }

    /// <summary>
    /// Sends one request and waits for its answer; Janus errors become typed exceptions. Not an async method itself (one
    /// state machine fewer per request); every failure still comes back as a faulted task.
    /// </summary>
    internal Task<JsonElement> RequestAsync(
        string verb,
        long sessionId,
        long handleId,
        bool completesOnAck,
        Action<Utf8JsonWriter>? writeFields,
        CancellationToken cancellationToken)
    {
        if (_closedReason is { } closed)
        {
            return Task.FromException<JsonElement>(new JanusTransportException("The connection to Janus is closed.", closed));
        }

        PendingTransaction? tx = null;
        byte[] payload;
        try
        {
            tx = Transactions.Register(verb, sessionId, handleId, completesOnAck, Options.RequestTimeout, cancellationToken);
            payload = RequestWriter.Write(verb, tx.Id, sessionId, handleId, _credentials, writeFields);
        }
        catch (Exception ex)
        {
            // Bad input a field writer refused: nothing was sent, so nothing may stay registered.
            if (tx is not null)
            {
                Transactions.Abandon(tx);
            }

            return Task.FromException<JsonElement>(ex);
        }

        if (_logger.IsEnabled(LogLevel.Trace))
        {
            Log.Sent(_logger, _credentials.Redact(System.Text.Encoding.UTF8.GetString(payload)));
        }

        return Transactions.SendAndWaitAsync(_transport, tx, new OutgoingMessage(payload, sessionId, handleId), cancellationToken);
    }

    void ITransportSink.OnMessage(JsonElement message)
    {
        try
        {
            Route(message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // One message this client cannot route must not stop the transport's receive loop for everyone else.
            Log.RoutingFailed(_logger, ex, _credentials.Redact(message.GetRawText()));
        }
    }

    private void Route(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (_logger.IsEnabled(LogLevel.Trace))
        {
            Log.Received(_logger, _credentials.Redact(message.GetRawText()));
        }

        var verb = JanusProtocol.VerbOf(message);
        var transaction = EventParser.Str(message, JanusProtocol.Transaction);
        if (transaction is not null && Transactions.TryGet(transaction, out var tx) && CompleteTransaction(tx, verb, message))
        {
            return;
        }

        var sessionId = EventParser.Long(message, JanusProtocol.SessionId);
        var handleId = EventParser.Long(message, JanusProtocol.Sender);
        switch (verb)
        {
            case JanusProtocol.Ack or JanusProtocol.Success or JanusProtocol.ServerInfo or JanusProtocol.Keepalive:
                // A late answer to a transaction that already completed, failed or timed out, or a long-poll keepalive.
                return;
            case JanusProtocol.Error:
                if (sessionId != 0 && ErrorCodeOf(message) == (int)JanusErrorCode.SessionNotFound
                    && _sessions.TryGetValue(sessionId, out var gone))
                {
                    gone.TearDown(new JanusSessionLostException(sessionId, $"Janus no longer knows session {sessionId} (458)."));
                }

                return;
        }

        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            Log.UnknownSession(_logger, verb, sessionId);
            return;
        }

        session.Dispatch(EventParser.Parse(verb, sessionId, handleId, message));
    }

    /// <summary>Applies Janus's answer to a waiting transaction; false when the message is not its final answer.</summary>
    private bool CompleteTransaction(PendingTransaction tx, string verb, JsonElement message)
    {
        switch (verb)
        {
            case JanusProtocol.Ack:
                if (tx.CompletesOnAck)
                {
                    Transactions.Complete(tx.Id, message);
                }

                // An ack for a plugin message only says "an event will follow".
                return true;
            case JanusProtocol.Error:
                var code = ErrorCodeOf(message);
                var reason = message.TryGetProperty(JanusProtocol.Error, out var err) ? EventParser.Str(err, JanusProtocol.Reason) ?? string.Empty : string.Empty;
                var error = new JanusErrorException(code, reason);
                if (code == (int)JanusErrorCode.SessionNotFound && tx.SessionId != 0)
                {
                    var lost = new JanusSessionLostException(tx.SessionId, $"Janus no longer knows session {tx.SessionId} (458).", error);
                    Transactions.Fail(tx.Id, lost);
                    if (_sessions.TryGetValue(tx.SessionId, out var session))
                    {
                        session.TearDown(lost);
                    }
                }
                else
                {
                    Transactions.Fail(tx.Id, error);
                }

                return true;
            case JanusProtocol.Success or JanusProtocol.ServerInfo or JanusProtocol.Event:
                Transactions.Complete(tx.Id, message);
                return true;
            default:
                // A trickle or media event that merely carries a transaction: route it as an event.
                return false;
        }
    }

    private static int ErrorCodeOf(JsonElement message) =>
        message.TryGetProperty(JanusProtocol.Error, out var err) ? EventParser.Int(err, JanusProtocol.Code) ?? 0 : 0;

    void ITransportSink.OnDisconnected(Exception reason)
    {
        _reconnecting = true;
        _stateChanges.Writer.TryWrite(JanusConnectionState.Reconnecting);
        Log.Disconnected(_logger, reason, Options.Uri);
        Transactions.FailAll(tx => new JanusTransportException($"The link to Janus dropped while '{tx.Verb}' was in flight.", reason));
    }

    async Task ITransportSink.OnReconnectedAsync(CancellationToken cancellationToken)
    {
        foreach (var session in _sessions.Values)
        {
            try
            {
                await RequestAsync(JanusProtocol.Claim, session.Id, 0, completesOnAck: false, null, cancellationToken).ConfigureAwait(false);
            }
            catch (JanusException ex)
            {
                session.TearDown(ex as JanusSessionLostException
                    ?? new JanusSessionLostException(session.Id, $"Session {session.Id} could not be claimed after reconnecting.", ex));
            }
        }

        _reconnecting = false;
        if (!IsClosed)
        {
            _stateChanges.Writer.TryWrite(JanusConnectionState.Open);
        }

        Log.Reconnected(_logger, Options.Uri, _sessions.Count);
    }

    void ITransportSink.OnClosed(Exception reason) => TearDown(reason);

    private void TearDown(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _closedReason, reason, null) is not null)
        {
            return;
        }

        _reconnecting = false;
        foreach (var session in _sessions.Values)
        {
            // Disposing is this process's own decision: sessions end quietly (their readers complete without an error).
            session.TearDown(reason is ObjectDisposedException
                ? reason
                : new JanusSessionLostException(session.Id, "The connection to Janus closed.", reason));
        }

        Transactions.FailAll(tx => new JanusTransportException($"The connection to Janus closed while '{tx.Verb}' was in flight.", reason));
        _stateChanges.Writer.TryWrite(JanusConnectionState.Closed);
        _stateChanges.Writer.TryComplete();
    }

    /// <summary>Test hook: drops the WebSocket as a network failure would.</summary>
    internal void AbortTransportForTest() => (_transport as WebSocketTransport)?.Abort();

    /// <summary>Closes the transport and fails everything still in flight; sessions are left for Janus to time out or reclaim.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_closing.IsCancellationRequested)
        {
            return;
        }

        await _closing.CancelAsync().ConfigureAwait(false);
        var sessions = _sessions.Values.ToArray();
        TearDown(new ObjectDisposedException(nameof(JanusConnection)));
        await _transport.DisposeAsync().ConfigureAwait(false);
        foreach (var session in sessions)
        {
            await session.WaitStoppedAsync().ConfigureAwait(false);
        }

        _closing.Dispose();
    }
}
