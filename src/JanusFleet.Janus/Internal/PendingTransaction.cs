using System.Text.Json;

namespace JanusFleet.Janus.Internal;

/// <summary>One request waiting for Janus: who owns it, when it gives up, and how it completes.</summary>
internal sealed class PendingTransaction : IDisposable
{
    private readonly TaskCompletionSource<JsonElement> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _timeout;
    private CancellationTokenRegistration _timeoutRegistration;
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
        _timeout = new CancellationTokenSource(timeout, timeProvider);
        _timeoutRegistration = _timeout.Token.Register(
            static state =>
            {
                var (t, tx, span) = ((TransactionTable, PendingTransaction, TimeSpan))state!;
                t.Fail(tx.Id, new JanusTimeoutException(tx.Verb, span));
            },
            (table, this, timeout));
        if (cancellationToken.CanBeCanceled)
        {
            _callerRegistration = cancellationToken.Register(
                static state =>
                {
                    var (t, tx, ct) = ((TransactionTable, PendingTransaction, CancellationToken))state!;
                    if (t.Remove(tx.Id))
                    {
                        tx._completion.TrySetCanceled(ct);
                        tx.Dispose();
                    }
                },
                (table, this, cancellationToken));
        }
    }

    internal bool TryComplete(JsonElement message) => _completion.TrySetResult(message);

    internal bool TryFail(Exception exception) => _completion.TrySetException(exception);

    public void Dispose()
    {
        _timeoutRegistration.Dispose();
        _callerRegistration.Dispose();
        _timeout?.Dispose();
    }
}
