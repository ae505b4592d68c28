using ImapMcp.Mail.Actions.Internal;
using ImapMcp.Mail.Sync;
using MailKit;

namespace ImapMcp.Mail.Actions;

/// <summary>Undo: each journaled change reversed from what the journal recorded (the server's own answers).</summary>
public sealed partial class MailActions
{
    private async Task<ActionResult> UndoCoreAsync(JournalEntry entry, IProgress<ActionProgress>? progress, CancellationToken cancellationToken)
    {
        var undoAction = new MessageAction(ActionKind.Undo);
        switch (entry.Action)
        {
            case ActionKind.CreateFolder:
                await DeleteFolderCoreAsync(entry.Folder!, false, false, entry.Id, cancellationToken).ConfigureAwait(false);
                return await FolderUndoResultAsync(entry, undoAction, cancellationToken).ConfigureAwait(false);
            case ActionKind.RenameFolder:
                await RenameFolderCoreAsync(entry.Destination!, entry.Folder!, true, entry.Id, cancellationToken).ConfigureAwait(false);
                return await FolderUndoResultAsync(entry, undoAction, cancellationToken).ConfigureAwait(false);
            case ActionKind.DeleteFolder:
                await CreateFolderCoreAsync(entry.Folder!, entry.Id, cancellationToken).ConfigureAwait(false);
                return await FolderUndoResultAsync(entry, undoAction, cancellationToken).ConfigureAwait(false);
        }

        var items = entry.Items;
        var summary = $"Undo of entry {entry.Id}: {entry.Summary}";
        using var client = await _account.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var journalId = await _store.StartJournalAsync(_time.GetUtcNow(), ActionKind.Undo, entry.Folder, entry.Destination, items.Count, false, entry.Id, summary, cancellationToken).ConfigureAwait(false);
        using var runner = new BatchRunner(client, _account.ConnectAsync, _store, journalId, DefaultBatchSize, items.Count, progress);
        var synced = new List<string>();
        await RunJournaledAsync(journalId, runner, async () =>
        {
            switch (entry.Action)
            {
                case ActionKind.MarkRead or ActionKind.MarkUnread or ActionKind.Flag or ActionKind.Unflag:
                    var flag = entry.Action is ActionKind.MarkRead or ActionKind.MarkUnread ? MessageFlags.Seen : MessageFlags.Flagged;
                    foreach (var group in items.Where(i => i.FlagsBefore != i.FlagsAfter).GroupBy(i => (i.Folder, i.UidValidity)))
                    {
                        var had = group.Where(i => ((i.FlagsBefore ?? 0) & (int)flag) != 0).Select(i => new PlanItem(i.Folder, i.UidValidity, i.Uid, i.MessageId)).ToList();
                        var lacked = group.Where(i => ((i.FlagsBefore ?? 0) & (int)flag) == 0).Select(i => new PlanItem(i.Folder, i.UidValidity, i.Uid, i.MessageId)).ToList();
                        if (had.Count > 0)
                            await runner.SetFlagAsync(group.Key.Folder, group.Key.UidValidity, had, flag, true, cancellationToken).ConfigureAwait(false);
                        if (lacked.Count > 0)
                            await runner.SetFlagAsync(group.Key.Folder, group.Key.UidValidity, lacked, flag, false, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case ActionKind.Copy or ActionKind.CreateDraft:
                    // What was created goes away again: the copies, the appended draft.
                    foreach (var group in items.Where(i => i.ToUid is not null).GroupBy(i => (i.ToFolder!, i.ToUidValidity ?? 0)))
                        await runner.ExpungeAsync(group.Key.Item1, group.Key.Item2, group.Select(i => new PlanItem(i.ToFolder!, i.ToUidValidity ?? 0, i.ToUid!.Value, i.MessageId)).ToList(), cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    // Moves (move, archive, delete to trash, delete draft) go back from the UIDs the server gave them.
                    foreach (var group in items.Where(i => i.ToUid is not null).GroupBy(i => (i.ToFolder!, i.ToUidValidity ?? 0, i.Folder)))
                    {
                        await runner.TransferAsync(group.Key.Item1, group.Key.Item2, group.Select(i => new PlanItem(i.ToFolder!, i.ToUidValidity ?? 0, i.ToUid!.Value, i.MessageId)).ToList(), group.Key.Folder, true, cancellationToken).ConfigureAwait(false);
                        synced.Add(group.Key.Folder);
                    }

                    break;
            }
        }).ConfigureAwait(false);

        if (client.IsConnected)
            await client.DisconnectAsync(true, CancellationToken.None).ConfigureAwait(false);
        if (_account.Cache.Codec.IsEncrypted && synced.Count > 0)
            await _account.SyncAsync(new SyncOptions { Folders = synced.Distinct(StringComparer.Ordinal).ToList() }, null, cancellationToken).ConfigureAwait(false);
        var done = $"{summary} — {runner.Done} messages restored{(runner.Missing > 0 ? $", {runner.Missing} no longer where the action put them" : "")}.";
        await _store.FinishJournalAsync(journalId, runner.Done, runner.Missing, "Done", done, CancellationToken.None).ConfigureAwait(false);
        return new ActionResult(journalId, entry.PlanId, undoAction, items.Count, runner.Done, runner.Missing, true, false, done);
    }

    private async Task<ActionResult> FolderUndoResultAsync(JournalEntry entry, MessageAction undoAction, CancellationToken cancellationToken)
    {
        var undone = await _store.GetJournalAsync(entry.Id, null, cancellationToken).ConfigureAwait(false);
        var journalId = undone?.UndoneBy ?? 0;
        var last = journalId == 0 ? null : await _store.GetJournalAsync(journalId, null, cancellationToken).ConfigureAwait(false);
        return new ActionResult(journalId, null, undoAction, 0, 0, 0, true, false, last?.Summary ?? $"Undo of entry {entry.Id}");
    }
}
