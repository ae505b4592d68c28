using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using JanusFleet.Janus.Internal;

namespace JanusFleet.Janus;

/// <summary>
/// A Janus session: it owns its handles, keeps itself alive, and routes events to them. Tearing it down (destroy,
/// timeout, 458, lost connection) is idempotent and fails every request it owned.
/// </summary>
public sealed class JanusSession : IAsyncDisposable
{
    /// <summary>Janus answers an idle long-poll after about 30 s; twice that leaves room for a slow network.</summary>
    private const int LongPollSafeSessionTimeout = 60;

    private readonly ConcurrentDictionary<long, JanusHandle> _handles = new();
    private readonly Channel<JanusEvent> _events;
    private long _dropped;
    private readonly CancellationTokenSource _stop = new();
    private Task _keepalive = Task.CompletedTask;
    private Exception? _endedReason;

    internal JanusSession(JanusConnection connection, long id)
    {
        Connection = connection;
        Id = id;
        _events = Channel.CreateBounded<JanusEvent>(new BoundedChannelOptions(connection.Options.EventBufferCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
        }, _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>The session id Janus assigned.</summary>
    public long Id { get; }

    /// <summary>The connection this session lives on.</summary>
    public JanusConnection Connection { get; }

    /// <summary>
    /// Session-level events: <see cref="JanusSessionTimeoutEvent"/> and events for handles this client does not know.
    /// The reader completes when the session ends, with <see cref="JanusSessionLostException"/> if Janus lost it.
    /// </summary>
    public ChannelReader<JanusEvent> Events => _events.Reader;

    /// <summary>How many unread events were dropped because nobody read <see cref="Events"/> fast enough.</summary>
    public long DroppedEvents => Interlocked.Read(ref _dropped);

    /// <summary>The handles currently attached through this session.</summary>
    public IReadOnlyCollection<JanusHandle> Handles => _handles.Values.ToArray();

    /// <summary>True once the session is destroyed or lost.</summary>
    public bool IsClosed => _endedReason is not null;

    /// <summary>Attaches a handle to <paramref name="plugin"/> ("janus.plugin.videoroom"), tagged with an optional opaque id.</summary>
    public async Task<JanusHandle> AttachAsync(string plugin, string? opaqueId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(plugin);
        ThrowIfClosed();
        var answer = await Connection.RequestAsync(
            JanusProtocol.Attach,
            Id,
            0,
            completesOnAck: false,
            w =>
            {
                w.WriteString(JanusProtocol.Plugin, plugin);
                if (opaqueId is not null)
                {
                    w.WriteString(JanusProtocol.OpaqueId, opaqueId);
                }
            },
            cancellationToken).ConfigureAwait(false);
        var handleId = EventParser.Long(answer.GetProperty(JanusProtocol.Data), JanusProtocol.Id);
        var handle = new JanusHandle(this, handleId, plugin, opaqueId);
        _handles[handleId] = handle;
        if (IsClosed)
        {
            handle.TearDown(new JanusHandleDetachedException(handleId, "The session ended while the handle was being attached."));
        }

        return handle;
    }

    /// <summary>Sends a keepalive now (WebSocket sessions also send them on their own).</summary>
    public Task KeepaliveAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        return Connection.RequestAsync(JanusProtocol.Keepalive, Id, 0, completesOnAck: true, null, cancellationToken);
    }

    /// <summary>Destroys the session on Janus and tears it down here; does nothing when it is already gone.</summary>
    public async Task DestroyAsync(CancellationToken cancellationToken = default)
    {
        if (IsClosed)
        {
            return;
        }

        try
        {
            await Connection.RequestAsync(JanusProtocol.Destroy, Id, 0, completesOnAck: false, null, cancellationToken).ConfigureAwait(false);
        }
        catch (JanusSessionLostException)
        {
            // Already gone on Janus: the outcome the caller wanted.
        }
        finally
        {
            TearDown(new ObjectDisposedException(nameof(JanusSession), $"Session {Id} was destroyed."));
        }
    }

    /// <summary>Destroys the session (best effort) and waits for its background work to stop.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await DestroyAsync().ConfigureAwait(false);
        }
        catch (JanusException)
        {
            // Best effort: Janus times the session out by itself if the destroy did not arrive.
            TearDown(new ObjectDisposedException(nameof(JanusSession)));
        }

        await WaitStoppedAsync().ConfigureAwait(false);
    }

    internal void Start()
    {
        // An HTTP long-poll refreshes the session only when each GET starts, and a GET may wait ~30 s for events,
        // so HTTP sessions need keepalives too unless Janus's session_timeout comfortably outlasts a poll.
        var timeout = Connection.ServerInfo.SessionTimeout;
        var pollRefreshesInTime = Connection.Transport.KeepsSessionsAlive && (timeout == 0 || timeout >= LongPollSafeSessionTimeout);
        if (!pollRefreshesInTime)
        {
            _keepalive = KeepaliveLoopAsync(_stop.Token);
        }
    }

    internal Task WaitStoppedAsync() => _keepalive;

    internal bool TryGetHandle(long handleId, out JanusHandle handle) => _handles.TryGetValue(handleId, out handle!);

    internal void ForgetHandle(long handleId) => _handles.TryRemove(handleId, out _);

    /// <summary>Routes an event to its handle, or keeps it at session level.</summary>
    internal void Dispatch(JanusEvent e)
    {
        if (e is JanusSessionTimeoutEvent)
        {
            _events.Writer.TryWrite(e);
            TearDown(new JanusSessionLostException(Id, $"Janus timed session {Id} out."));
            return;
        }

        if (e.HandleId != 0 && _handles.TryGetValue(e.HandleId, out var handle))
        {
            handle.Dispatch(e);
            return;
        }

        _events.Writer.TryWrite(e);
    }

    /// <summary>Ends the session here: idempotent; fails what it owned and ends its handles and event stream.</summary>
    internal void TearDown(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _endedReason, reason, null) is not null)
        {
            return;
        }

        _stop.Cancel();
        Connection.ForgetSession(Id);
        if (reason is JanusSessionLostException)
        {
            Log.SessionLost(Connection.Logger, Id, reason.Message);
        }

        var lost = reason as JanusSessionLostException
            ?? new JanusSessionLostException(Id, $"Session {Id} ended.", reason);
        Connection.Transactions.FailWhere(tx => tx.SessionId == Id, _ => lost);
        foreach (var handle in _handles.Values)
        {
            handle.TearDown(new JanusHandleDetachedException(handle.Id, $"Session {Id} ended.", lost));
        }

        _events.Writer.TryComplete(reason is JanusSessionLostException ? reason : null);
    }

    private async Task KeepaliveLoopAsync(CancellationToken cancellationToken)
    {
        var time = Connection.Options.TimeProvider;
        var interval = Connection.EffectiveKeepaliveInterval;
        var timeout = Connection.KeepaliveTimeout;
        var inFlight = new List<Task>();
        try
        {
            // Sessions created together would otherwise all send at the same instant (1,000 HTTP POSTs at once):
            // each timer starts at a random point within its first interval and then ticks every interval.
            await Task.Delay(interval * (1 - Random.Shared.NextDouble()), time, cancellationToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(interval, time);
            do
            {
                // Not awaited here: a keepalive that stalls (until its own timeout) must not delay the next one.
                inFlight.RemoveAll(t => t.IsCompleted);
                if (!Connection.IsReconnecting)
                {
                    inFlight.Add(SendKeepaliveAsync(timeout, cancellationToken));
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The session ended.
        }
        finally
        {
            await Task.WhenAll(inFlight).ConfigureAwait(false);
        }
    }

    /// <summary>One keepalive with its own deadline; never throws, logs what went wrong.</summary>
    private async Task SendKeepaliveAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var time = Connection.Options.TimeProvider;
        var started = time.GetTimestamp();
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await Connection.RequestAsync(JanusProtocol.Keepalive, Id, 0, completesOnAck: true, null, linked.Token).ConfigureAwait(false);
            var elapsed = time.GetElapsedTime(started);
            if (elapsed > timeout / 2)
            {
                Log.KeepaliveLate(Connection.Logger, Id, elapsed.TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The session ended while the keepalive was in flight.
        }
        catch (OperationCanceledException)
        {
            Log.KeepaliveTimedOut(Connection.Logger, Id, timeout.TotalMilliseconds);
        }
        catch (JanusSessionLostException)
        {
            // The session is torn down already (and that was logged); the loop ends with it.
        }
        catch (JanusException ex)
        {
            // A dropped link or a slow answer: the reconnect logic or the next keepalive deals with it.
            Log.KeepaliveFailed(Connection.Logger, ex, Id);
        }
    }

    private void ThrowIfClosed()
    {
        if (_endedReason is { } reason)
        {
            throw reason as JanusSessionLostException
                ?? new JanusSessionLostException(Id, $"Session {Id} is closed.", reason);
        }
    }
}
