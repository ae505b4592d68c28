using System.Net.Sockets;
using ImapMcp.Mail.Internal;
using MailKit;
using MailKit.Net.Imap;

namespace ImapMcp.Mail.Actions.Internal;

/// <summary>
/// Runs message actions on the server in batches of UIDs and records each batch (cache and journal) from the server's
/// answers. A batch is never cut short: cancellation is honoured between batches, so every message ends in exactly
/// one folder even with the COPY + STORE \Deleted + UID EXPUNGE fallback. A dropped connection is reopened and the
/// batch carried on from the step it reached (after a COPY, only the STORE and UID EXPUNGE of the copied UIDs).
/// </summary>
internal sealed class BatchRunner(ImapClient client, Func<CancellationToken, Task<ImapClient>> reconnect, ActionStore store, long journalId, int batchSize, int total, IProgress<ActionProgress>? progress) : IDisposable
{
    private const int MaxReconnects = 3;
    private readonly List<ImapClient> _reconnected = [];
    private ImapClient _client = client;
    private IMailFolder? _open;
    private IMailFolder? _destination;

    public int Done { get; private set; }

    public int Missing { get; private set; }

    public void Dispose()
    {
        foreach (var c in _reconnected)
            c.Dispose();
    }

    public Task SetFlagAsync(string name, uint uidValidity, IReadOnlyList<PlanItem> items, MessageFlags flag, bool add, CancellationToken cancellationToken) =>
        ForEachBatchAsync(name, uidValidity, items, cancellationToken, async batch =>
        {
            var uids = batch.Select(i => new UniqueId(uidValidity, i.Uid)).ToList();
            var present = await RetryAsync(name, uidValidity, f => f.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags, CancellationToken.None)).ConfigureAwait(false);
            var before = present.ToDictionary(s => s.UniqueId.Id, s => SummaryConverter.FlagsOf(s.Flags));
            if (before.Count > 0)
            {
                var found = present.Select(s => s.UniqueId).ToList();
                await RetryAsync(name, uidValidity, f => f.StoreAsync(found, new StoreFlagsRequest(add ? StoreAction.Add : StoreAction.Remove, flag) { Silent = true }, CancellationToken.None)).ConfigureAwait(false);
            }

            var changes = batch.Where(i => before.ContainsKey(i.Uid))
                .Select(i => (i.Uid, i.MessageId, before[i.Uid], add ? before[i.Uid] | (int)flag : before[i.Uid] & ~(int)flag))
                .ToList();
            await store.RecordFlagsAsync(journalId, name, uidValidity, changes, CancellationToken.None).ConfigureAwait(false);
            return changes.Count;
        });

    /// <summary>Moves (or copies) messages; the journal keeps each message's new UID from COPYUID for undo.</summary>
    public async Task TransferAsync(string name, uint uidValidity, IReadOnlyList<PlanItem> items, string destinationName, bool move, CancellationToken cancellationToken)
    {
        _destination = await _client.GetFolderAsync(destinationName, cancellationToken).ConfigureAwait(false);
        var byUid = items.ToDictionary(i => i.Uid);
        await ForEachBatchAsync(name, uidValidity, items, cancellationToken, async batch =>
        {
            var uids = batch.Select(i => new UniqueId(uidValidity, i.Uid)).ToList();
            UniqueIdMap map;
            if (!move)
            {
                map = await RetryAsync(name, uidValidity, async f => await f.CopyToAsync(uids, await DestinationAsync(destinationName).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);
            }
            else if (_client.Capabilities.HasFlag(ImapCapabilities.Move))
            {
                map = await RetryAsync(name, uidValidity, async f => await f.MoveToAsync(uids, await DestinationAsync(destinationName).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);
            }
            else
            {
                // RFC 6851's fallback: COPY, then \Deleted and UID EXPUNGE of exactly those UIDs (UIDPLUS).
                map = await RetryAsync(name, uidValidity, async f => await f.CopyToAsync(uids, await DestinationAsync(destinationName).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);
                if (map.Source.Count > 0)
                {
                    await RetryAsync(name, uidValidity, async f =>
                    {
                        await f.StoreAsync(map.Source, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, CancellationToken.None).ConfigureAwait(false);
                        await f.ExpungeAsync(map.Source, CancellationToken.None).ConfigureAwait(false);
                        return true;
                    }).ConfigureAwait(false);
                }
            }

            var moved = new List<JournalItem>(map.Source.Count);
            for (var i = 0; i < map.Source.Count; i++)
            {
                var source = map.Source[i];
                var target = map.Destination[i];
                moved.Add(new JournalItem(name, source.Id, uidValidity, byUid.TryGetValue(source.Id, out var item) ? item.MessageId : null, null, null, destinationName, target.Id, target.Validity));
            }

            await store.RecordTransferAsync(journalId, move, moved, CancellationToken.None).ConfigureAwait(false);
            return moved.Count;
        }).ConfigureAwait(false);
    }

    /// <summary>STORE \Deleted and UID EXPUNGE of exactly these UIDs: gone for good.</summary>
    public Task ExpungeAsync(string name, uint uidValidity, IReadOnlyList<PlanItem> items, CancellationToken cancellationToken)
    {
        var byUid = items.ToDictionary(i => i.Uid);
        return ForEachBatchAsync(name, uidValidity, items, cancellationToken, async batch =>
        {
            var uids = batch.Select(i => new UniqueId(uidValidity, i.Uid)).ToList();
            var present = await RetryAsync(name, uidValidity, f => f.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags, CancellationToken.None)).ConfigureAwait(false);
            var found = present.Select(s => s.UniqueId).ToList();
            if (found.Count > 0)
            {
                await RetryAsync(name, uidValidity, async f =>
                {
                    await f.StoreAsync(found, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, CancellationToken.None).ConfigureAwait(false);
                    await f.ExpungeAsync(found, CancellationToken.None).ConfigureAwait(false);
                    return true;
                }).ConfigureAwait(false);
            }

            var gone = present.Select(s => new JournalItem(name, s.UniqueId.Id, uidValidity, byUid[s.UniqueId.Id].MessageId, SummaryConverter.FlagsOf(s.Flags), null, null, null, null)).ToList();
            await store.RecordExpungeAsync(journalId, gone, CancellationToken.None).ConfigureAwait(false);
            return gone.Count;
        });
    }

    /// <summary>Runs <paramref name="batchWork"/> per batch (it returns how many messages it changed), reporting progress after each.</summary>
    private async Task ForEachBatchAsync(string name, uint uidValidity, IReadOnlyList<PlanItem> items, CancellationToken cancellationToken, Func<PlanItem[], Task<int>> batchWork)
    {
        await OpenAsync(name, uidValidity, cancellationToken).ConfigureAwait(false);
        foreach (var batch in items.Chunk(batchSize))
        {
            // Not cancellable inside a batch: what the server did is always recorded.
            var done = await batchWork(batch).ConfigureAwait(false);
            Done += done;
            Missing += batch.Length - done;
            progress?.Report(new ActionProgress(Done + Missing, total, name));
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (_open is { IsOpen: true } open)
            await open.CloseAsync(false, CancellationToken.None).ConfigureAwait(false);
        _open = null;
    }

    /// <summary>Opens a folder read-write and checks its UIDVALIDITY is the one the UIDs belong to.</summary>
    private async Task<IMailFolder> OpenAsync(string name, uint uidValidity, CancellationToken cancellationToken)
    {
        if (_open is { IsOpen: true } open && open.FullName == name)
            return open;
        var folder = await _client.GetFolderAsync(name, cancellationToken).ConfigureAwait(false);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken).ConfigureAwait(false);
        if (folder.UidValidity != uidValidity)
            throw new ActionException($"{name} changed on the server (UIDVALIDITY {uidValidity} → {folder.UidValidity}) while the action ran; sync and make a new dry run.");
        _open = folder;
        return folder;
    }

    /// <summary>The destination folder on the current connection (looked up once per connection, not per batch).</summary>
    private async Task<IMailFolder> DestinationAsync(string name)
    {
        if (_destination is null || _destination.FullName != name)
            _destination = await _client.GetFolderAsync(name, CancellationToken.None).ConfigureAwait(false);
        return _destination;
    }

    /// <summary>One step of a batch on the open folder; a dropped connection is reopened (the folder re-selected and checked) and the step run again.</summary>
    private async Task<T> RetryAsync<T>(string name, uint uidValidity, Func<IMailFolder, Task<T>> step)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var folder = await OpenAsync(name, uidValidity, CancellationToken.None).ConfigureAwait(false);
                return await step(folder).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < MaxReconnects && e is IOException or ImapProtocolException or ServiceNotConnectedException or SocketException)
            {
                _open = null;
                _destination = null;
                _client = await reconnect(CancellationToken.None).ConfigureAwait(false);
                _reconnected.Add(_client);
            }
        }
    }
}
