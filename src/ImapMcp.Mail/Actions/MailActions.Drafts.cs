using ImapMcp.Mail.Actions.Internal;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Internal;
using ImapMcp.Mail.Query;
using ImapMcp.Mail.Sync;
using MailKit;
using MailKit.Net.Imap;
using MimeKit;

namespace ImapMcp.Mail.Actions;

/// <summary>Drafts: APPENDed to the drafts folder with \Draft. There is no code that sends mail.</summary>
public sealed partial class MailActions
{
    /// <summary>Writes a new draft to the drafts folder; undo removes it.</summary>
    public async Task<DraftResult> CreateDraftAsync(DraftContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var message = DraftBuilder.Create(Settings, content, _time.GetUtcNow());
        return await WithGateAsync(() => AppendDraftAsync(message, ActionKind.CreateDraft, null, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a reply draft to <paramref name="original"/>: To its Reply-To or From, with <paramref name="replyAll"/> the
    /// other recipients in Cc (never the owner), "Re: " once, In-Reply-To and References, and the original quoted below
    /// <paramref name="body"/> with an attribution line. The original is read from the server.
    /// </summary>
    public async Task<DraftResult> CreateReplyDraftAsync(MessageKey original, string body, bool replyAll = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        return await WithGateAsync(
            async () =>
            {
                var source = await ReadMessageAsync(original, cancellationToken).ConfigureAwait(false);
                var reply = DraftBuilder.Reply(Settings, source, body, replyAll, _time.GetUtcNow());
                return await AppendDraftAsync(reply, ActionKind.CreateDraft, null, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces a draft with a new version (fields left null keep their old values; threading headers stay): the new version
    /// is appended first, then the old one expunged, so nothing is lost. Not undoable.
    /// </summary>
    public async Task<DraftResult> UpdateDraftAsync(MessageKey draft, DraftContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return await WithGateAsync(
            async () =>
            {
                await RequireDraftsFolderAsync(draft, cancellationToken).ConfigureAwait(false);
                var old = await ReadMessageAsync(draft, cancellationToken).ConfigureAwait(false);
                var updated = DraftBuilder.Update(Settings, old, content, _time.GetUtcNow());
                return await AppendDraftAsync(updated, ActionKind.UpdateDraft, draft, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves a draft to the trash (undo brings it back).</summary>
    public async Task<ActionResult> DeleteDraftAsync(MessageKey draft, CancellationToken cancellationToken = default)
    {
        await WithGateAsync(() => RequireDraftsFolderAsync(draft, cancellationToken), cancellationToken).ConfigureAwait(false);
        var plan = await PlanAsync(MessageAction.Delete(), [draft], cancellationToken).ConfigureAwait(false);
        if (plan.Count == 0)
            throw new ActionException($"{draft} is already in the trash.");
        return await ApplyAsync(plan.Id, null, DefaultBatchSize, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> WithGateAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (ImapCommandException e)
        {
            throw new ActionException($"The server refused the draft: {e.Message}", e);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> RequireDraftsFolderAsync(MessageKey draft, CancellationToken cancellationToken)
    {
        var drafts = await DraftsFolderAsync(cancellationToken).ConfigureAwait(false);
        if (!string.Equals(draft.Folder, drafts, StringComparison.Ordinal))
            throw new ActionException($"{draft} is not a draft: drafts live in '{drafts}'. Only drafts can be updated or deleted this way.");
        return drafts;
    }

    private async Task<string> DraftsFolderAsync(CancellationToken cancellationToken) =>
        (await _store.GetFoldersAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(f => f.Role == FolderRole.Drafts)?.Name
            ?? throw new ActionException("This account has no drafts folder (no SPECIAL-USE \\Drafts folder was synced). Set \"roles\": { \"drafts\": \"FolderName\" } in the config, or sync first.");

    /// <summary>A message as the server has it now; throws naming close folders or saying it is gone.</summary>
    private async Task<MimeMessage> ReadMessageAsync(MessageKey key, CancellationToken cancellationToken)
    {
        using var client = await _account.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var folder = await RequireServerFolderAsync(client, key.Folder, cancellationToken).ConfigureAwait(false);
        await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken).ConfigureAwait(false);
        try
        {
            var message = await folder.GetMessageAsync(new UniqueId(key.Uid), cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(true, CancellationToken.None).ConfigureAwait(false);
            return message;
        }
        catch (Exception e) when (e is MessageNotFoundException or ImapCommandException)
        {
            throw new ActionException($"{key} is no longer on the server (moved or deleted); search again for its current key.", e);
        }
    }

    private async Task<DraftResult> AppendDraftAsync(MimeMessage message, ActionKind kind, MessageKey? replaces, CancellationToken cancellationToken)
    {
        var draftsName = await DraftsFolderAsync(cancellationToken).ConfigureAwait(false);
        using var client = await _account.ConnectAsync(cancellationToken).ConfigureAwait(false);
        if (!client.Capabilities.HasFlag(ImapCapabilities.UidPlus))
            throw new ActionException("The server lacks UIDPLUS, so it cannot say which UID a new draft gets; drafts are refused to keep the journal exact.");
        var drafts = await client.GetFolderAsync(draftsName, cancellationToken).ConfigureAwait(false);
        await drafts.StatusAsync(StatusItems.UidValidity, cancellationToken).ConfigureAwait(false);
        var validity = drafts.UidValidity;
        var to = message.To.Mailboxes.Select(m => m.ToString()).ToList();
        var cc = message.Cc.Mailboxes.Select(m => m.ToString()).ToList();
        // An encrypted cache keeps no subject or address in the clear, so its journal does not either.
        var what = _account.Cache.Codec.IsEncrypted ? "" : $" \"{message.Subject}\"";
        var summary = kind == ActionKind.UpdateDraft
            ? $"Updated draft{what} ({replaces} replaced)"
            : $"Created draft{what}{(_account.Cache.Codec.IsEncrypted ? "" : " to " + string.Join(", ", to))}";
        var journalId = await _store.StartJournalAsync(_time.GetUtcNow(), kind, draftsName, null, 1, kind == ActionKind.CreateDraft, null, summary, cancellationToken).ConfigureAwait(false);

        // The new version first: if anything fails after this, the old draft is still there.
        var uid = await drafts.AppendAsync(new AppendRequest(message, MessageFlags.Draft | MessageFlags.Seen) { InternalDate = _time.GetUtcNow() }, CancellationToken.None).ConfigureAwait(false)
            ?? throw new ActionException("The server accepted the draft but did not say its UID (no APPENDUID).");
        await _store.RecordItemsAsync(journalId, [new JournalItem(draftsName, uid.Id, validity, message.MessageId, null, null, draftsName, uid.Id, validity)], CancellationToken.None).ConfigureAwait(false);
        if (replaces is { } old)
        {
            using var runner = new BatchRunner(client, _account.ConnectAsync, _store, journalId, 1, 1, null);
            await runner.ExpungeAsync(draftsName, validity, [new PlanItem(draftsName, validity, old.Uid, null)], CancellationToken.None).ConfigureAwait(false);
        }

        await _store.FinishJournalAsync(journalId, 1, 0, "Done", null, CancellationToken.None).ConfigureAwait(false);
        if (client.IsConnected)
            await client.DisconnectAsync(true, CancellationToken.None).ConfigureAwait(false);
        await _account.SyncAsync(new SyncOptions { Folders = [draftsName] }, null, cancellationToken).ConfigureAwait(false);
        return new DraftResult(
            new MessageKey(draftsName, uid.Id),
            message.MessageId ?? "",
            message.From.Mailboxes.First().ToString(),
            to,
            cc,
            message.Subject ?? "",
            message.InReplyTo,
            message.References.ToList(),
            BodyText.Of(message),
            journalId);
    }
}
