using ImapMcp.Mail.Actions;
using ImapMcp.Mail.Query;
using MailKit;
using MimeKit;

namespace ImapMcp.Mail.Tests.Actions;

/// <summary>Drafts land in Drafts with \Draft and correct threading; nothing is ever sent.</summary>
public sealed class DraftStoryTests
{
    [Fact]
    public async Task Draft_a_reply_confirming_the_time_she_proposed_threads_correctly_and_sends_nothing()
    {
        await using var bed = await ActionTestBed.StartAsync();
        var story = bed.Mailbox.BudgetThread;
        var last = story.LastMessage;
        var before = await bed.ServerCountsAsync();

        var draft = await bed.Account.Actions.CreateReplyDraftAsync(new MessageKey(last.Folder, last.Uid), $"Hi Sarah,\n\n{story.ProposedMeeting} works for me. See you then.\n\nAlex");

        Assert.Equal("Drafts", draft.Key.Folder);
        var server = await ReadAsync(bed, draft.Key);
        Assert.True(server.Flags!.Value.HasFlag(MessageFlags.Draft));
        var message = server.Message;
        Assert.Equal(last.MessageId, message.InReplyTo);
        Assert.Equal(last.References.Append(last.MessageId!), message.References);
        Assert.Equal([story.Sarah.Address], message.To.Mailboxes.Select(m => m.Address));
        Assert.Empty(message.Cc);
        Assert.Equal("Re: " + story.Subject, message.Subject);
        Assert.Contains(bed.Mailbox.OwnerAddresses, a => a == message.From.Mailboxes.Single().Address);
        var text = message.TextBody ?? "";
        Assert.StartsWith($"Hi Sarah,", text, StringComparison.Ordinal);
        Assert.Contains(" wrote:", text, StringComparison.Ordinal);
        Assert.Contains(text.Split('\n'), line => line.StartsWith('>') && line.Contains(story.ProposedMeeting, StringComparison.Ordinal));

        var after = await bed.ServerCountsAsync();
        Assert.Equal(before["Drafts"] + 1, after["Drafts"]);
        Assert.Equal(before.Where(kv => kv.Key != "Drafts"), after.Where(kv => kv.Key != "Drafts"));
        var cached = await bed.Account.Queries.GetMessageAsync(draft.Key);
        Assert.NotNull(cached);
        Assert.Equal("Re: " + story.Subject, cached.Summary.Subject);
        var unreplied = await bed.Account.Queries.GetUnrepliedAsync(bed.Mailbox.Unreplied.Since);
        Assert.Contains(unreplied, m => m.Key == new MessageKey(last.Folder, last.Uid));
    }

    [Fact]
    public async Task A_draft_is_created_updated_new_version_first_deleted_to_the_trash_and_its_creation_undone()
    {
        await using var bed = await ActionTestBed.StartAsync();
        var drafts = (await bed.Dovecot.StatusAsync("Drafts")).Messages;
        var trash = (await bed.Dovecot.StatusAsync("Trash")).Messages;

        var draft = await bed.Account.Actions.CreateDraftAsync(new DraftContent { To = ["Bob <bob@example.org>"], Subject = "Lunch?", Body = "Tomorrow at noon?" });
        Assert.Equal(drafts + 1, (await bed.Dovecot.StatusAsync("Drafts")).Messages);

        var updated = await bed.Account.Actions.UpdateDraftAsync(draft.Key, new DraftContent { Body = "Tomorrow at one?", Cc = ["carol@example.org"] });

        Assert.NotEqual(draft.Key, updated.Key);
        Assert.Equal(drafts + 1, (await bed.Dovecot.StatusAsync("Drafts")).Messages);
        var message = (await ReadAsync(bed, updated.Key)).Message;
        Assert.Equal(("Lunch?", "bob@example.org", "carol@example.org"), (message.Subject, message.To.Mailboxes.Single().Address, message.Cc.Mailboxes.Single().Address));
        Assert.Contains("Tomorrow at one?", message.TextBody, StringComparison.Ordinal);
        Assert.Null(await bed.Account.Queries.GetMessageAsync(draft.Key));
        Assert.NotNull(await bed.Account.Queries.GetMessageAsync(updated.Key));

        var deleted = await bed.Account.Actions.DeleteDraftAsync(updated.Key);
        Assert.Equal(1, deleted.Done);
        Assert.Equal((drafts, trash + 1), ((await bed.Dovecot.StatusAsync("Drafts")).Messages, (await bed.Dovecot.StatusAsync("Trash")).Messages));
        await bed.Account.Actions.UndoAsync();
        Assert.Equal((drafts + 1, trash), ((await bed.Dovecot.StatusAsync("Drafts")).Messages, (await bed.Dovecot.StatusAsync("Trash")).Messages));

        var second = await bed.Account.Actions.CreateDraftAsync(new DraftContent { To = ["dan@example.org"], Subject = "Second", Body = "x" });
        await bed.Account.Actions.UndoAsync();
        Assert.Equal(drafts + 1, (await bed.Dovecot.StatusAsync("Drafts")).Messages);
        Assert.Null(await bed.Account.Queries.GetMessageAsync(second.Key));

        var notDraft = (await bed.Account.Queries.SearchAsync("in:INBOX", new QueryOptions { Limit = 1 })).Messages[0].Key;
        var refused = await Assert.ThrowsAsync<ActionException>(() => bed.Account.Actions.UpdateDraftAsync(notDraft, new DraftContent { Body = "x" }));
        Assert.Contains("Drafts", refused.Message, StringComparison.Ordinal);
        var bad = await Assert.ThrowsAsync<ActionException>(() => bed.Account.Actions.CreateDraftAsync(new DraftContent { To = ["not an address"], Subject = "x" }));
        Assert.Contains("not an e-mail address", bad.Message, StringComparison.Ordinal);
        Assert.Equal(drafts + 1, (await bed.Dovecot.StatusAsync("Drafts")).Messages);
        await bed.Account.SyncAsync();
        await bed.Environment.AssertCacheEqualsServerAsync(bed.Account);
    }

    private static async Task<(MimeMessage Message, MessageFlags? Flags)> ReadAsync(ActionTestBed bed, MessageKey key)
    {
        using var client = await bed.Dovecot.ConnectAsync();
        var folder = await client.GetFolderAsync(key.Folder);
        await folder.OpenAsync(FolderAccess.ReadOnly);
        var uid = new UniqueId(key.Uid);
        var message = await folder.GetMessageAsync(uid);
        var flags = (await folder.FetchAsync([uid], MessageSummaryItems.Flags)).Single().Flags;
        await client.DisconnectAsync(true);
        return (message, flags);
    }
}
