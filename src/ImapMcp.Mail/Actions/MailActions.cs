using System.Globalization;
using System.Security.Cryptography;
using ImapMcp.Mail.Actions.Internal;
using ImapMcp.Mail.Cache;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Internal;
using ImapMcp.Mail.Query;
using ImapMcp.Mail.Sync;
using MailKit;
using MailKit.Net.Imap;

namespace ImapMcp.Mail.Actions;

/// <summary>
/// The account's write side: folders, message actions as plans (dry run, apply once, undo), the journal, and drafts.
/// Every change is journaled; the cache follows the server's answers (COPYUID), batch by batch. Nothing here sends mail.
/// One action runs at a time per account. Refusals throw <see cref="ActionException"/> and change nothing.
/// </summary>
public sealed partial class MailActions : IDisposable
{
    /// <summary>UIDs per IMAP command when applying a plan.</summary>
    public const int DefaultBatchSize = 500;

    /// <summary>The most keys one call may name (use a query for more).</summary>
    public const int MaxKeys = 1000;

    /// <summary>Messages a dry run shows as its sample.</summary>
    public const int SampleSize = 10;

    private readonly MailAccount _account;
    private readonly ActionStore _store;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    internal MailActions(MailAccount account, MailCache cache, TimeProvider time)
    {
        _account = account;
        _store = new ActionStore(cache);
        _time = time;
    }

    /// <summary>How long a dry run's plan can be applied.</summary>
    public static TimeSpan PlanLifetime { get; } = TimeSpan.FromHours(1);

    private AccountSettings Settings => _account.Settings;

    /// <summary>
    /// Dry run of <paramref name="action"/> over every cached message matching <paramref name="query"/> (the engine's query
    /// language): the exact count, a sample and a plan id. Throws <see cref="QueryParseException"/> for a malformed query.
    /// </summary>
    public async Task<ActionPlan> PlanAsync(MessageAction action, string query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(query);
        CheckMessageAction(action);
        var compiled = QueryCompiler.Compile(QueryParser.Parse(query), _time.GetUtcNow(), _account.Cache.Codec);
        var folders = await _store.GetFoldersAsync(cancellationToken).ConfigureAwait(false);
        var resolved = ResolveDestination(action, folders);
        var selected = await _store.SelectAsync(compiled, cancellationToken).ConfigureAwait(false);
        return await SavePlanAsync(resolved, query, selected, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Dry run of <paramref name="action"/> over the named messages (1 to <see cref="MaxKeys"/>).</summary>
    public async Task<ActionPlan> PlanAsync(MessageAction action, IReadOnlyList<MessageKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(keys);
        CheckMessageAction(action);
        if (keys.Count is 0 or > MaxKeys)
            throw new ActionException($"Name between 1 and {MaxKeys} messages (got {keys.Count}); for more, use a query.");
        var folders = await _store.GetFoldersAsync(cancellationToken).ConfigureAwait(false);
        foreach (var folder in keys.Select(k => k.Folder).Distinct(StringComparer.Ordinal))
            RequireFolder(folders, folder);
        var resolved = ResolveDestination(action, folders);
        var (found, missing) = await _store.SelectAsync(keys, cancellationToken).ConfigureAwait(false);
        if (missing.Count > 0)
            throw new ActionException($"Not in the cache: {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? $" and {missing.Count - 10} more" : "")}. Search again for current keys (a moved message gets a new UID), or sync first.");
        return await SavePlanAsync(resolved, null, found, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Plans and applies at once over named messages (a small, explicit list needs no preview).</summary>
    public async Task<ActionResult> RunAsync(MessageAction action, IReadOnlyList<MessageKey> keys, IProgress<ActionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(action, keys, cancellationToken).ConfigureAwait(false);
        return await ApplyAsync(plan.Id, progress, DefaultBatchSize, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies a plan to exactly the messages its dry run previewed, in batches of <paramref name="batchSize"/> UIDs,
    /// reporting progress. Refused when the plan is unknown, expired, already applied, or a folder's UIDVALIDITY changed.
    /// Messages already gone are counted in <see cref="ActionResult.Missing"/>. Cancelling stops between batches
    /// (the journal keeps what was done, and undo reverses it).
    /// </summary>
    public async Task<ActionResult> ApplyAsync(string planId, IProgress<ActionProgress>? progress = null, int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(planId);
        if (batchSize is < 1 or > 5000)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "the batch size must be between 1 and 5000");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var loaded = await _store.LoadPlanAsync(planId, cancellationToken).ConfigureAwait(false)
                ?? throw new ActionException($"There is no plan '{planId}'. Make a dry run first; it returns the plan id to apply.");
            var (plan, items) = loaded;
            if (plan.Applied is { } applied)
            {
                var entry = await _store.GetJournalAsync(null, planId, cancellationToken).ConfigureAwait(false);
                throw new ActionException($"Plan {planId} was already applied at {applied:u}{(entry is null ? "" : $" (journal entry {entry.Id})")}; a plan applies once. Make a new dry run to act again.");
            }

            if (_time.GetUtcNow() > plan.Expires)
                throw new ActionException($"Plan {planId} expired at {plan.Expires:u}; make a new dry run (the mailbox may have changed since).");

            using var client = await _account.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var groups = items.GroupBy(i => (i.Folder, i.UidValidity)).ToList();
            await CheckServerAsync(client, plan.Action, groups.Select(g => g.Key).ToList(), cancellationToken).ConfigureAwait(false);

            var journalId = await _store.StartPlanAsync(plan, _time.GetUtcNow(), Describe(plan.Action, plan.Total, plan.Query), cancellationToken).ConfigureAwait(false)
                ?? throw new ActionException($"Plan {planId} was applied by another call just now; a plan applies once.");
            using var runner = new BatchRunner(client, _account.ConnectAsync, _store, journalId, batchSize, plan.Total, progress);
            await RunJournaledAsync(journalId, runner, async () =>
            {
                foreach (var group in groups)
                    await ApplyToFolderAsync(runner, plan.Action, group.Key.Folder, group.Key.UidValidity, group.ToList(), cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);

            if (client.IsConnected)
                await client.DisconnectAsync(true, CancellationToken.None).ConfigureAwait(false);
            if (runner.Done > 0 && (plan.Action.Kind == ActionKind.Copy || (_account.Cache.Codec.IsEncrypted && plan.Action.Destination is not null)))
                await _account.SyncAsync(new SyncOptions { Folders = [plan.Action.Destination!] }, null, cancellationToken).ConfigureAwait(false);
            var summary = $"{Describe(plan.Action, runner.Done, plan.Query)}{(runner.Missing > 0 ? $"; {runner.Missing} were already gone from the server" : "")}.";
            await _store.FinishJournalAsync(journalId, runner.Done, runner.Missing, "Done", summary, CancellationToken.None).ConfigureAwait(false);
            return new ActionResult(journalId, planId, plan.Action, plan.Total, runner.Done, runner.Missing, true, plan.Action.IsUndoable, summary);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Reverses the change journaled for <paramref name="planId"/>, or the newest change not yet undone when null: moves go
    /// back (from the UIDs the server gave), flags are restored, copies and created drafts are removed, folder creates,
    /// renames and deletes are reversed. Permanent deletes cannot be undone.
    /// </summary>
    public async Task<ActionResult> UndoAsync(string? planId = null, IProgress<ActionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var entry = await _store.GetJournalAsync(null, planId, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            if (planId is null)
                throw new ActionException("There is nothing to undo: every journaled change is already undone (or nothing was changed yet).");
            var plan = await _store.LoadPlanAsync(planId, cancellationToken).ConfigureAwait(false);
            throw new ActionException(plan is null
                ? $"There is no plan '{planId}'. List the journal to see what can be undone."
                : $"Plan {planId} was never applied; there is nothing to undo.");
        }

        return await UndoEntryAsync(entry.Id, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reverses one journal entry by its id (see <see cref="UndoAsync(string?, IProgress{ActionProgress}?, CancellationToken)"/>).</summary>
    public async Task<ActionResult> UndoEntryAsync(long journalId, IProgress<ActionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entry = await _store.GetJournalAsync(journalId, null, cancellationToken).ConfigureAwait(false)
                ?? throw new ActionException($"There is no journal entry {journalId}. List the journal to see what can be undone.");
            if (entry.Action == ActionKind.Undo)
                throw new ActionException($"Journal entry {entry.Id} is itself an undo (of entry {entry.UndoOf}); it cannot be undone.");
            if (entry.UndoneBy is { } by)
                throw new ActionException($"Journal entry {entry.Id} ({entry.Summary}) was already undone by entry {by}.");
            if (!entry.Undoable)
                throw new ActionException($"Journal entry {entry.Id} ({entry.Summary}) cannot be undone: {(entry.Action == ActionKind.UpdateDraft ? "the old version of the draft was replaced" : "the messages were deleted permanently")}.");
            return await UndoCoreAsync(entry, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Journal entries, newest first (without their items; ask for one entry to see them).</summary>
    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(int limit = 50, int offset = 0, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > 1000)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be between 1 and 1000");
        if (offset < 0)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "offset must be 0 or more");
        return await _store.ListJournalAsync(limit, offset, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One journal entry with the messages it touched (before and after); null when there is none.</summary>
    public Task<JournalEntry?> GetJournalEntryAsync(long journalId, CancellationToken cancellationToken = default) =>
        _store.GetJournalAsync(journalId, null, cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    private async Task<ActionPlan> SavePlanAsync(MessageAction action, string? query, List<SelectedMessage> selected, CancellationToken cancellationToken)
    {
        var todo = selected.Where(m => !AlreadyDone(action, m)).ToList();
        var now = _time.GetUtcNow();
        var id = "plan-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var stored = new StoredPlan(id, action, query, todo.Count, now, now + PlanLifetime, null);
        await _store.SavePlanAsync(stored, todo, cancellationToken).ConfigureAwait(false);
        var sampleIds = todo.OrderByDescending(m => m.Date).ThenByDescending(m => m.Id).Take(SampleSize).Select(m => m.Id);
        var sample = await _store.GetItemsAsync(sampleIds, cancellationToken).ConfigureAwait(false);
        var byFolder = todo.GroupBy(m => m.Folder, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var skipped = selected.Count - todo.Count;
        var summary = Describe(action, todo.Count, query)
            + (byFolder.Count > 0 ? " (" + string.Join(", ", byFolder.Select(kv => $"{kv.Key}: {kv.Value}")) + ")" : "")
            + (skipped > 0 ? $"; {skipped} more match but need no change" : "")
            + (action.IsUndoable ? ". It can be undone." : ". PERMANENT: it cannot be undone.");
        return new ActionPlan(id, action, query, todo.Count, skipped, byFolder, sample, action.IsUndoable, now, now + PlanLifetime, summary);
    }

    private static bool AlreadyDone(MessageAction action, SelectedMessage m) => action.Kind switch
    {
        ActionKind.MarkRead => (m.Flags & (int)MessageFlags.Seen) != 0,
        ActionKind.MarkUnread => (m.Flags & (int)MessageFlags.Seen) == 0,
        ActionKind.Flag => (m.Flags & (int)MessageFlags.Flagged) != 0,
        ActionKind.Unflag => (m.Flags & (int)MessageFlags.Flagged) == 0,
        ActionKind.Delete when action.Permanent => false,
        _ => string.Equals(m.Folder, action.Destination, StringComparison.Ordinal),
    };

    private static void CheckMessageAction(MessageAction action)
    {
        if (!action.IsMessageAction)
            throw new ActionException($"{action.Kind} is not an action on messages; use mark_read, mark_unread, flag, unflag, move, copy, archive or delete.");
        if (action.Kind is not (ActionKind.Move or ActionKind.Copy) && action.Destination is not null)
            throw new ActionException($"{action.Kind} takes no destination folder (archive and delete use the account's archive and trash folders).");
        if (action.Permanent && action.Kind != ActionKind.Delete)
            throw new ActionException("'permanent' applies to delete only.");
    }

    /// <summary>The action with its destination folder resolved (archive and trash by role); throws naming close folders when unknown.</summary>
    private static MessageAction ResolveDestination(MessageAction action, List<CachedFolder> folders)
    {
        switch (action.Kind)
        {
            case ActionKind.Move or ActionKind.Copy:
                if (string.IsNullOrWhiteSpace(action.Destination))
                    throw new ActionException($"{action.Kind} needs a destination folder.");
                RequireFolder(folders, action.Destination);
                return action;
            case ActionKind.Archive:
                return action with { Destination = RoleFolder(folders, FolderRole.Archive, "archive") };
            case ActionKind.Delete when !action.Permanent:
                return action with { Destination = RoleFolder(folders, FolderRole.Trash, "trash") };
            default:
                return action;
        }
    }

    private static string RoleFolder(List<CachedFolder> folders, FolderRole role, string field) =>
        folders.FirstOrDefault(f => f.Role == role)?.Name
            ?? throw new ActionException($"This account has no {field} folder (no SPECIAL-USE \\{role} folder was synced). Set \"roles\": {{ \"{field}\": \"FolderName\" }} in the config, or sync first.");

    private static CachedFolder RequireFolder(List<CachedFolder> folders, string name)
    {
        var folder = folders.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
        if (folder is not null)
            return folder;
        var suggestions = FolderNames.Suggest(name, folders.Select(f => f.Name));
        throw new ActionException(
            $"There is no folder '{name}'." + (suggestions.Count > 0 ? $" Did you mean {string.Join(", ", suggestions.Select(s => $"'{s}'"))}?" : " List the folders to see their names, or create it first."),
            suggestions);
    }

    /// <summary>Refuses before anything changes: UIDPLUS missing, a source folder gone or with a new UIDVALIDITY, or the destination gone.</summary>
    private static async Task CheckServerAsync(ImapClient client, MessageAction action, IReadOnlyList<(string Folder, uint UidValidity)> sources, CancellationToken cancellationToken)
    {
        var transfers = action.Kind is ActionKind.Move or ActionKind.Copy or ActionKind.Archive or ActionKind.Delete;
        if (transfers && !client.Capabilities.HasFlag(ImapCapabilities.UidPlus))
            throw new ActionException("The server lacks UIDPLUS, so it cannot say where moved messages went or expunge exactly them; this action is refused to keep undo exact.");
        foreach (var (name, uidValidity) in sources)
        {
            IMailFolder folder;
            try
            {
                folder = await client.GetFolderAsync(name, cancellationToken).ConfigureAwait(false);
                await folder.StatusAsync(StatusItems.UidValidity, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FolderNotFoundException or ImapCommandException)
            {
                throw new ActionException($"Folder '{name}' is gone from the server since the dry run; sync and make a new dry run.", e);
            }

            if (folder.UidValidity != uidValidity)
                throw new ActionException($"Folder '{name}' was recreated on the server since the dry run (UIDVALIDITY {uidValidity} → {folder.UidValidity}): its UIDs no longer name the same messages. Nothing was changed; sync and make a new dry run.");
        }

        if (action.Destination is { } destination)
        {
            try
            {
                await client.GetFolderAsync(destination, cancellationToken).ConfigureAwait(false);
            }
            catch (FolderNotFoundException e)
            {
                throw new ActionException($"The destination folder '{destination}' is gone from the server; create it or choose another, then make a new dry run.", e);
            }
        }
    }

    private static Task ApplyToFolderAsync(BatchRunner runner, MessageAction action, string folder, uint uidValidity, List<PlanItem> items, CancellationToken cancellationToken) => action.Kind switch
    {
        ActionKind.MarkRead => runner.SetFlagAsync(folder, uidValidity, items, MessageFlags.Seen, true, cancellationToken),
        ActionKind.MarkUnread => runner.SetFlagAsync(folder, uidValidity, items, MessageFlags.Seen, false, cancellationToken),
        ActionKind.Flag => runner.SetFlagAsync(folder, uidValidity, items, MessageFlags.Flagged, true, cancellationToken),
        ActionKind.Unflag => runner.SetFlagAsync(folder, uidValidity, items, MessageFlags.Flagged, false, cancellationToken),
        ActionKind.Copy => runner.TransferAsync(folder, uidValidity, items, action.Destination!, false, cancellationToken),
        ActionKind.Delete when action.Permanent => runner.ExpungeAsync(folder, uidValidity, items, cancellationToken),
        _ => runner.TransferAsync(folder, uidValidity, items, action.Destination!, true, cancellationToken),
    };

    /// <summary>Runs the batches; on cancellation or failure the journal entry says how far it got, then the exception goes on.</summary>
    private async Task RunJournaledAsync(long journalId, BatchRunner runner, Func<Task> work)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await _store.FinishJournalAsync(journalId, runner.Done, runner.Missing, "Interrupted", null, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (ImapCommandException e)
        {
            await _store.FinishJournalAsync(journalId, runner.Done, runner.Missing, "Failed", null, CancellationToken.None).ConfigureAwait(false);
            throw new ActionException($"The server refused the action after {runner.Done} messages: {e.Message}. What was done is journaled (entry {journalId}) and can be undone.", e);
        }
        catch (FolderNotFoundException e)
        {
            await _store.FinishJournalAsync(journalId, runner.Done, runner.Missing, "Failed", null, CancellationToken.None).ConfigureAwait(false);
            throw new ActionException($"The folder '{e.FolderName}' is gone from the server, so the action stopped after {runner.Done} messages (journal entry {journalId}). Create the folder again, or move the messages elsewhere yourself.", e);
        }
        catch
        {
            await _store.FinishJournalAsync(journalId, runner.Done, runner.Missing, "Failed", null, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private static string Describe(MessageAction action, int count, string? query)
    {
        var messages = count == 1 ? "1 message" : count.ToString("N0", CultureInfo.InvariantCulture) + " messages";
        var what = action.Kind switch
        {
            ActionKind.MarkRead => $"Mark {messages} read",
            ActionKind.MarkUnread => $"Mark {messages} unread",
            ActionKind.Flag => $"Flag {messages}",
            ActionKind.Unflag => $"Unflag {messages}",
            ActionKind.Move => $"Move {messages} to {action.Destination}",
            ActionKind.Copy => $"Copy {messages} to {action.Destination}",
            ActionKind.Archive => $"Archive {messages} (to {action.Destination})",
            ActionKind.Delete when action.Permanent => $"Delete {messages} permanently",
            ActionKind.Delete => $"Delete {messages} (to {action.Destination})",
            _ => $"{action.Kind} {messages}",
        };
        return query is null ? what : $"{what} matching \"{query}\"";
    }
}
