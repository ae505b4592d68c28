using System.Text.Json;

namespace JanusFleet.Janus.Internal;

/// <summary>One request waiting for Janus: who owns it, when it gives up, and how it completes.</summary>
internal sealed class PendingTransaction : IDisposable
{
    private readonly TaskCompletionSource<JsonElement> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? _timeout;
    private TransactionTable? _table;
    private TimeSpan _timeoutSpan;
    private CancellationTokenRegistration _callerRegistration;

    public PendingTransaction(string id, string verb, long sessionId, long handleId, bool completesOnAck)
    {
        Id = id;
        Verb = verb;
        SessionId = sessionId;
        HandleId = handleId;
        CompletesOnAck = completesOnAck;
    }

    public string Id { get; }

    /// <summary>The request verb ("message", "attach", ...).</summary>
    public string Verb { get; }

    /// <summary>The owning session, or 0 for connection-level requests.</summary>
    public long SessionId { get; }

    /// <summary>The owning handle, or 0.</summary>
    public long HandleId { get; }

    /// <summary>True when Janus's "ack" is the final answer (keepalive, trickle); false when an "event" follows (plugin messages).</summary>
    public bool CompletesOnAck { get; }

    public Task<JsonElement> Task => _completion.Task;

    internal void Arm(TransactionTable table, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        _table = table;
        _timeoutSpan = timeout;
        // A bare one-shot timer: a CancellationTokenSource with a timeout would wrap the same timer in a source and a
        // registration, for every request.
        // The callback needs nothing of the caller's ExecutionContext (logging scopes, activities): do not capture it.
        if (ExecutionContext.IsFlowSuppressed())
        {
            _timeout = CreateTimer(timeout, timeProvider);
        }
        else
        {
            using (ExecutionContext.SuppressFlow())
            {
                _timeout = CreateTimer(timeout, timeProvider);
            }
        }

        if (cancellationToken.CanBeCanceled)
        {
            _callerRegistration = cancellationToken.UnsafeRegister(
                static (state, ct) =>
                {
                    var tx = (PendingTransaction)state!;
                    if (tx._table!.Remove(tx.Id))
                    {
                        tx._completion.TrySetCanceled(ct);
                        tx.Dispose();
                    }
                },
                this);
        }
    }

    private ITimer CreateTimer(TimeSpan timeout, TimeProvider timeProvider) =>
        timeProvider.CreateTimer(
            static state =>
            {
                var tx = (PendingTransaction)state!;
                tx._table!.Fail(tx.Id, new JanusTimeoutException(tx.Verb, tx._timeoutSpan));
            },
            this,
            timeout,
            Timeout.InfiniteTimeSpan);

    internal bool TryComplete(JsonElement message) => _completion.TrySetResult(message);

    internal bool TryFail(Exception exception) => _completion.TrySetException(exception);

    public void Dispose()
    {
        _callerRegistration.Dispose();
        _timeout?.Dispose();
    }
}
