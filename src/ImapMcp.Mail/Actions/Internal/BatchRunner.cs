using ImapMcp.Mail.Internal;
using MailKit;
using MailKit.Net.Imap;

namespace ImapMcp.Mail.Actions.Internal;

/// <summary>
/// Runs message actions on the server in batches of UIDs and records each batch (cache and journal) from the server's
/// answers. A batch is never cut short: cancellation is honoured between batches, so every message ends in exactly
/// one folder even with the COPY + STORE \Deleted + UID EXPUNGE fallback.
/// </summary>
internal sealed class BatchRunner(ImapClient client, ActionStore store, long journalId, int batchSize, int total, IProgress<ActionProgress>? progress)
{
    public int Done { get; private set; }

    public int Missing { get; private set; }

    /// <summary>Opens a folder read-write and checks its UIDVALIDITY is the one the UIDs belong to.</summary>
    public async Task<IMailFolder> OpenAsync(string name, uint uidValidity, CancellationToken cancellationToken)
    {
        var folder = await client.GetFolderAsync(name, cancellationToken).ConfigureAwait(false);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken).ConfigureAwait(false);
        if (folder.UidValidity != uidValidity)
            throw new ActionException($"{name} changed on the server (UIDVALIDITY {uidValidity} → {folder.UidValidity}) while the action ran; sync and make a new dry run.");
        return folder;
    }

    public async Task SetFlagAsync(string name, uint uidValidity, IReadOnlyList<PlanItem> items, MessageFlags flag, bool add, CancellationToken cancellationToken)
    {
        var folder = await OpenAsync(name, uidValidity, cancellationToken).ConfigureAwait(false);
        foreach (var batch in items.Chunk(batchSize))
        {
            // Not cancellable inside a batch: what the server did is always recorded.
            var uids = batch.Select(i => new UniqueId(uidValidity, i.Uid)).ToList();
            var present = await folder.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags, CancellationToken.None).ConfigureAwait(false);
            var before = present.ToDictionary(s => s.UniqueId.Id, s => SummaryConverter.FlagsOf(s.Flags));
            if (before.Count > 0)
                await folder.StoreAsync(present.Select(s => s.UniqueId).ToList(), new StoreFlagsRequest(add ? StoreAction.Add : StoreAction.Remove, flag) { Silent = true }, CancellationToken.None).ConfigureAwait(false);
            var changes = batch.Where(i => before.ContainsKey(i.Uid))
                .Select(i => (i.Uid, i.MessageId, before[i.Uid], add ? before[i.Uid] | (int)flag : before[i.Uid] & ~(int)flag))
                .ToList();
            await store.RecordFlagsAsync(journalId, name, uidValidity, changes, CancellationToken.None).ConfigureAwait(false);
            Advance(name, changes.Count, batch.Length - changes.Count, cancellationToken);
        }

        await folder.CloseAsync(false, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Moves (or copies) messages; the journal keeps each message's new UID from COPYUID for undo.</summary>
    public async Task TransferAsync(string name, uint uidValidity, IReadOnlyList<PlanItem> items, string destinationName, bool move, CancellationToken cancellationToken)
    {
        var destination = await client.GetFolderAsync(destinationName, cancellationToken).ConfigureAwait(false);
        var folder = await OpenAsync(name, uidValidity, cancellationToken).ConfigureAwait(false);
        var byUid = items.ToDictionary(i => i.Uid);
        foreach (var batch in items.Chunk(batchSize))
        {
            var uids = batch.Select(i => new UniqueId(uidValidity, i.Uid)).ToList();
            UniqueIdMap map;
            if (!move)
            {
                map = await folder.CopyToAsync(uids, destination, CancellationToken.None).ConfigureAwait(false);
            }
            else if (client.Capabilities.HasFlag(ImapCapabilities.Move))
            {
                map = await folder.MoveToAsync(uids, destination, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                // RFC 6851's fallback: COPY, then \Deleted and UID EXPUNGE of exactly those UIDs (UIDPLUS).
                map = await folder.CopyToAsync(uids, destination, CancellationToken.None).ConfigureAwait(false);
                if (map.Source.Count > 0)
                {
                    await folder.StoreAsync(map.Source, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, CancellationToken.None).ConfigureAwait(false);
                    await folder.ExpungeAsync(map.Source, CancellationToken.None).ConfigureAwait(false);
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
            Advance(name, moved.Count, batch.Length - moved.Count, cancellationToken);
        }

        await folder.CloseAsync(false, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>STORE \Deleted and UID EXPUNGE of exactly these UIDs: gone for good.</summary>
    public async Task ExpungeAsync(string name, uint uidValidity, IReadOnlyList<PlanItem> items, CancellationToken cancellationToken)
    {
        var folder = await OpenAsync(name, uidValidity, cancellationToken).ConfigureAwait(false);
        var byUid = items.ToDictionary(i => i.Uid);
        foreach (var batch in items.Chunk(batchSize))
        {
            var uids = batch.Select(i => new UniqueId(uidValidity, i.Uid)).ToList();
            var present = await folder.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags, CancellationToken.None).ConfigureAwait(false);
            var found = present.Select(s => s.UniqueId).ToList();
            if (found.Count > 0)
            {
                await folder.StoreAsync(found, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, CancellationToken.None).ConfigureAwait(false);
                await folder.ExpungeAsync(found, CancellationToken.None).ConfigureAwait(false);
            }

            var gone = present.Select(s => new JournalItem(name, s.UniqueId.Id, uidValidity, byUid[s.UniqueId.Id].MessageId, SummaryConverter.FlagsOf(s.Flags), null, null, null, null)).ToList();
            await store.RecordExpungeAsync(journalId, gone, CancellationToken.None).ConfigureAwait(false);
            Advance(name, gone.Count, batch.Length - gone.Count, cancellationToken);
        }

        await folder.CloseAsync(false, CancellationToken.None).ConfigureAwait(false);
    }

    private void Advance(string folder, int done, int missing, CancellationToken cancellationToken)
    {
        Done += done;
        Missing += missing;
        progress?.Report(new ActionProgress(Done + Missing, total, folder));
        cancellationToken.ThrowIfCancellationRequested();
    }
}
