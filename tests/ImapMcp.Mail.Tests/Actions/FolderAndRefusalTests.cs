using ImapMcp.Mail.Actions;
using ImapMcp.Mail.Query;

namespace ImapMcp.Mail.Tests.Actions;

/// <summary>Folder actions with undo, and every refusal: a clear message and nothing changed on the server or in the journal.</summary>
public sealed class FolderAndRefusalTests
{
    [Fact]
    public async Task Folders_are_created_subscribed_renamed_and_deleted_with_the_cache_following_and_each_step_undoable()
    {
        await using var bed = await ActionTestBed.StartAsync();

        await bed.Account.Actions.CreateFolderAsync("Clients/Acme");
        Assert.Contains("Clients/Acme", await bed.Dovecot.ListFoldersAsync());
        Assert.Contains(await bed.Account.Queries.GetFoldersAsync(), f => f.Name == "Clients/Acme");
        await bed.Account.SyncAsync();
        Assert.Contains(await bed.Account.Queries.GetFoldersAsync(), f => f.Name == "Clients/Acme");

        var keys = (await bed.Account.Queries.SearchAsync("in:INBOX", new QueryOptions { Limit = 4 })).Messages.Select(m => m.Key).ToList();
        await bed.Account.Actions.RunAsync(MessageAction.MoveTo("Clients/Acme"), keys);
        await bed.Account.Actions.RenameFolderAsync("Clients/Acme", "Clients/Acme Corp");
        Assert.Equal(4, (await bed.Dovecot.StatusAsync("Clients/Acme Corp")).Messages);
        Assert.Equal(4, (await bed.Account.Queries.GetFoldersAsync()).Single(f => f.Name == "Clients/Acme Corp").Messages);
        await bed.Account.SyncAsync();
        await bed.Environment.AssertCacheEqualsServerAsync(bed.Account);

        await bed.Account.Actions.UndoAsync();
        Assert.Contains("Clients/Acme", await bed.Dovecot.ListFoldersAsync());
        Assert.DoesNotContain("Clients/Acme Corp", await bed.Dovecot.ListFoldersAsync());

        var notEmpty = await Assert.ThrowsAsync<ActionException>(() => bed.Account.Actions.DeleteFolderAsync("Clients/Acme"));
        Assert.Contains("holds 4 messages", notEmpty.Message, StringComparison.Ordinal);
        await bed.Account.Actions.UndoAsync(); // the move
        var deleted = await bed.Account.Actions.DeleteFolderAsync("Clients/Acme");
        Assert.True(deleted.Undoable);
        Assert.DoesNotContain("Clients/Acme", await bed.Dovecot.ListFoldersAsync());
        await bed.Account.Actions.UndoAsync();
        Assert.Contains("Clients/Acme", await bed.Dovecot.ListFoldersAsync());
        await bed.Account.SyncAsync();
        await bed.Environment.AssertCacheEqualsServerAsync(bed.Account);
    }

    [Fact]
    public async Task Undo_into_a_folder_deleted_by_another_client_is_refused_with_the_folder_named()
    {
        await using var bed = await ActionTestBed.StartAsync();
        var folder = bed.Mailbox.Folders.First(f => f.Count > 3 && f.SpecialUse == TestHarness.Mail.SpecialUse.None && f.Name != "INBOX" && !f.Name.Contains(' ', StringComparison.Ordinal)).Name;
        var keys = (await bed.Account.Queries.SearchAsync($"in:{folder}", new QueryOptions { Limit = 3 })).Messages.Select(m => m.Key).ToList();
        var moved = await bed.Account.Actions.RunAsync(MessageAction.Archive, keys);
        await bed.Dovecot.DeleteFolderAsync(folder);

        var refused = await Assert.ThrowsAsync<ActionException>(() => bed.Account.Actions.UndoEntryAsync(moved.JournalId));

        Assert.Contains($"'{folder}' is gone", refused.Message, StringComparison.Ordinal);
        var journal = await bed.Account.Actions.GetJournalAsync();
        Assert.Equal(("Failed", (long?)null), (journal[0].State, journal[1].UndoneBy));
    }

    [Fact]
    public async Task Bad_arguments_are_refused_with_the_fix_and_change_nothing()
    {
        await using var bed = await ActionTestBed.StartAsync();
        var folder = bed.Mailbox.Folders.First(f => f.Name.Contains('/', StringComparison.Ordinal) && f.Count > 0).Name;
        var typo = folder[..^1];
        var before = await bed.ServerCountsAsync();
        var actions = bed.Account.Actions;
        var key = (await bed.Account.Queries.SearchAsync("in:INBOX", new QueryOptions { Limit = 1 })).Messages[0].Key;

        var unknown = await Assert.ThrowsAsync<ActionException>(() => actions.PlanAsync(MessageAction.MoveTo(typo), "in:INBOX"));
        Assert.Contains(folder, unknown.Suggestions);
        Assert.Contains($"Did you mean '{folder}'", unknown.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<QueryParseException>(() => actions.PlanAsync(MessageAction.Archive, "from:(unclosed"));
        await Assert.ThrowsAsync<ActionException>(() => actions.PlanAsync(MessageAction.Flag, new List<MessageKey>()));
        var gone = await Assert.ThrowsAsync<ActionException>(() => actions.PlanAsync(MessageAction.Flag, [new MessageKey("INBOX", 999_999)]));
        Assert.Contains("INBOX:999999", gone.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ActionException>(() => actions.PlanAsync(MessageAction.MarkRead with { Destination = "Archive" }, "in:INBOX"));
        var noPlan = await Assert.ThrowsAsync<ActionException>(() => actions.ApplyAsync("plan-000000000000"));
        Assert.Contains("dry run", noPlan.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ActionException>(() => actions.UndoAsync());
        await Assert.ThrowsAsync<ActionException>(() => actions.DeleteFolderAsync("INBOX"));
        var role = await Assert.ThrowsAsync<ActionException>(() => actions.DeleteFolderAsync("Sent"));
        Assert.Contains("sent folder", role.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ActionException>(() => actions.DeleteFolderAsync(folder));
        await Assert.ThrowsAsync<ActionException>(() => actions.RenameFolderAsync("Drafts", "Entwürfe"));
        await Assert.ThrowsAsync<ActionException>(() => actions.CreateFolderAsync("Archive"));
        await Assert.ThrowsAsync<ActionException>(() => actions.CreateFolderAsync("Bad/"));
        await Assert.ThrowsAsync<ActionException>(() => actions.CreateFolderAsync("Star*"));
        var missingFolder = await Assert.ThrowsAsync<ActionException>(() => actions.RenameFolderAsync(typo, "Elsewhere"));
        Assert.Contains(folder, missingFolder.Suggestions);
        await Assert.ThrowsAsync<ActionException>(() => actions.CreateReplyDraftAsync(new MessageKey(typo, 1), "ok"));

        var expiring = await actions.PlanAsync(MessageAction.Flag, [key]);
        bed.Time.Advance(MailActions.PlanLifetime + TimeSpan.FromMinutes(1));
        var expired = await Assert.ThrowsAsync<ActionException>(() => actions.ApplyAsync(expiring.Id));
        Assert.Contains("expired", expired.Message, StringComparison.Ordinal);

        Assert.Equal(before, await bed.ServerCountsAsync());
        Assert.Empty(await actions.GetJournalAsync());

        var once = await actions.PlanAsync(MessageAction.Flag, [key]);
        await actions.ApplyAsync(once.Id);
        var twice = await Assert.ThrowsAsync<ActionException>(() => actions.ApplyAsync(once.Id));
        Assert.Contains("already applied", twice.Message, StringComparison.Ordinal);
        Assert.Single(await actions.GetJournalAsync());
    }
}
