using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace JanusFleet.Janus.Internal;

/// <summary>
/// The one table of requests in flight on a connection, keyed by transaction id. Each entry knows its owner
/// (session, handle) so tearing an owner down fails exactly what it owned.
/// </summary>
internal sealed class TransactionTable(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, PendingTransaction> _pending = new(StringComparer.Ordinal);
    private readonly string _prefix = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()));
    private long _counter;

    public int Count => _pending.Count;

    /// <summary>Registers a transaction before its request is sent, so no answer can arrive unseen.</summary>
    public PendingTransaction Register(
        string verb,
        long sessionId,
        long handleId,
        bool completesOnAck,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var id = _prefix + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture);
        var tx = new PendingTransaction(id, verb, sessionId, handleId, completesOnAck);
        _pending[id] = tx;
        tx.Arm(this, timeout, timeProvider, cancellationToken);
        return tx;
    }

    /// <summary>Sends a registered transaction's request and waits for its answer; a send that fails fails the transaction.</summary>
    public async Task<JsonElement> SendAndWaitAsync(IJanusTransport transport, PendingTransaction tx, OutgoingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (JanusTransportException ex)
        {
            Fail(tx.Id, ex);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Remove(tx.Id);
            throw;
        }

        return await tx.Task.ConfigureAwait(false);
    }

    /// <summary>Drops a registered transaction whose request was never sent.</summary>
    public void Abandon(PendingTransaction tx)
    {
        if (_pending.TryRemove(tx.Id, out _))
        {
            tx.Dispose();
        }
    }

    public bool TryGet(string id, out PendingTransaction transaction) => _pending.TryGetValue(id, out transaction!);

    public bool Remove(string id) => _pending.TryRemove(id, out _);

    /// <summary>Completes a transaction with Janus's answer.</summary>
    public bool Complete(string id, JsonElement message)
    {
        if (!_pending.TryRemove(id, out var tx))
        {
            return false;
        }

        tx.Dispose();
        return tx.TryComplete(message);
    }

    /// <summary>Fails one transaction.</summary>
    public bool Fail(string id, Exception exception)
    {
        if (!_pending.TryRemove(id, out var tx))
        {
            return false;
        }

        tx.Dispose();
        return tx.TryFail(exception);
    }

    /// <summary>Fails every transaction <paramref name="owned"/> selects; returns how many.</summary>
    public int FailWhere(Func<PendingTransaction, bool> owned, Func<PendingTransaction, Exception> exception)
    {
        var failed = 0;
        foreach (var (id, tx) in _pending)
        {
            if (owned(tx) && Fail(id, exception(tx)))
            {
                failed++;
            }
        }

        return failed;
    }

    public int FailAll(Func<PendingTransaction, Exception> exception) => FailWhere(static _ => true, exception);
}
