using ImapMcp.Mail.Actions;
using ImapMcp.Mail.Query;
using ImapMcp.Mail.Sync;
using MailKit;
using TestHarness.Dovecot;
using TestHarness.Mail;

namespace ImapMcp.Mail.Tests.Actions;

/// <summary>Bulk actions as plans against a real Dovecot: the preview is exactly what is applied, undo restores, the cache follows.</summary>
public sealed class PlanStoryTests
{
    [Fact]
    public async Task Propose_a_folder_structure_and_start_sorting_moves_exactly_the_previewed_GitHub_mail_to_Dev_and_undo_restores_it()
    {
        await using var bed = await ActionTestBed.StartAsync();
        var before = await bed.ServerCountsAsync();
        var idsBefore = await bed.ServerMessageIdsAsync();
        var github = bed.Mailbox.Messages.Where(m => m.From.Address.EndsWith("@github.com", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(github);

        var created = await bed.Account.Actions.CreateFolderAsync("Dev");
        var plan = await bed.Account.Actions.PlanAsync(MessageAction.MoveTo("Dev"), "from:github.com");

        Assert.Equal(ActionKind.CreateFolder, created.Action);
        Assert.Equal(github.Count, plan.Count);
        Assert.Equal(github.GroupBy(m => m.Folder).ToDictionary(g => g.Key, g => g.Count()), plan.CountByFolder);
        Assert.Equal(MailActions.SampleSize, plan.Sample.Count);
        Assert.All(plan.Sample, s => Assert.EndsWith("@github.com", s.FromAddress, StringComparison.OrdinalIgnoreCase));
        Assert.True(plan.Undoable);
        var afterDryRun = await bed.ServerCountsAsync();
        Assert.Equal(0, afterDryRun["Dev"]);
        Assert.Equal(before, afterDryRun.Where(kv => kv.Key != "Dev").ToDictionary());

        var progress = new List<ActionProgress>();
        var applied = await bed.Account.Actions.ApplyAsync(plan.Id, new ListProgress(progress), batchSize: 25);

        Assert.Equal((plan.Count, 0, true), (applied.Done, applied.Missing, applied.Completed));
        var after = await bed.ServerCountsAsync();
        Assert.Equal(plan.Count, after["Dev"]);
        foreach (var (folder, count) in plan.CountByFolder)
            Assert.Equal(before[folder] - count, after[folder]);
        Assert.Equal(plan.Count, progress[^1].Done);
        Assert.True(progress.Count >= plan.Count / 25);
        var cachedDev = (await bed.Account.Queries.GetFoldersAsync()).Single(f => f.Name == "Dev");
        Assert.Equal(plan.Count, cachedDev.Messages);
        Assert.Equal(plan.Count, (await bed.Account.Queries.SearchAsync("in:Dev from:github.com")).Total);
        await bed.Account.SyncAsync();
        await bed.Environment.AssertCacheEqualsServerAsync(bed.Account);

        var undone = await bed.Account.Actions.UndoAsync(plan.Id);

        Assert.Equal(plan.Count, undone.Done);
        var restored = await bed.ServerCountsAsync();
        Assert.Equal(0, restored["Dev"]);
        Assert.Equal(before, restored.Where(kv => kv.Key != "Dev").ToDictionary());
        Assert.Equal(Normalize(idsBefore), Normalize(await bed.ServerMessageIdsAsync()));
        var journal = await bed.Account.Actions.GetJournalAsync();
        Assert.Equal([ActionKind.Undo, ActionKind.Move, ActionKind.CreateFolder], journal.Select(j => j.Action));
        Assert.Equal(journal[0].Id, journal[1].UndoneBy);
        await bed.Account.SyncAsync();
        await bed.Environment.AssertCacheEqualsServerAsync(bed.Account);
    }

    [Fact]
    public async Task With_an_encrypted_cache_a_plan_moves_and_undoes_and_the_cache_follows_through_a_sync_of_the_destination()
    {
        await using var bed = await ActionTestBed.StartAsync(encrypt: true);
        var github = bed.Mailbox.Messages.Count(m => m.From.Address.EndsWith("@github.com", StringComparison.OrdinalIgnoreCase));
        await bed.Account.Actions.CreateFolderAsync("Dev");

        var plan = await bed.Account.Actions.PlanAsync(MessageAction.MoveTo("Dev"), "from:github.com");
        await bed.Account.Actions.ApplyAsync(plan.Id);

        Assert.Equal(github, plan.Count);
        Assert.Equal(github, (await bed.Dovecot.StatusAsync("Dev")).Messages);
        Assert.Equal(github, (await bed.Account.Queries.SearchAsync("in:Dev from:github.com")).Total);
        var entry = await bed.Account.Actions.GetJournalEntryAsync((await bed.Account.Actions.GetJournalAsync())[0].Id);
        Assert.All(entry!.Items, i => Assert.Null(i.MessageId));
        await bed.Environment.AssertCacheEqualsServerAsync(bed.Account);

        await bed.Account.Actions.UndoAsync(plan.Id);

        Assert.Equal(0, (await bed.Dovecot.StatusAsync("Dev")).Messages);
        Assert.Equal(github, (await bed.Account.Queries.SearchAsync("from:github.com")).Total);
        await bed.Account.SyncAsync();
        await bed.Environment.AssertCacheEqualsServerAsync(bed.Account);
    }

    [Fact]
    public async Task Archive_all_newsletters_older_than_3_months_applies_exactly_the_dry_run_count()
    {
        await using var bed = await ActionTestBed.StartAsync();
        var before = await bed.ServerCountsAsync();

        var plan = await bed.Account.Actions.PlanAsync(MessageAction.Archive, "category:newsletter older_than:3m");
        var expected = await bed.Account.Queries.SearchAsync("category:newsletter older_than:3m -in:Archive", new QueryOptions { Limit = 1 });

        Assert.True(plan.Count > 0);
        Assert.Equal(expected.Total, plan.Count);
        Assert.Equal("Archive", plan.Action.Destination);
        var result = await bed.Account.Actions.ApplyAsync(plan.Id);

        Assert.Equal(plan.Count, result.Done);
        Assert.Equal(before["Archive"] + plan.Count, (await bed.Dovecot.StatusAsync("Archive")).Messages);
        Assert.Equal(0, (await bed.Account.Queries.SearchAsync("category:newsletter older_than:3m -in:Archive")).Total);
        await bed.Account.SyncAsync();
        await bed.Environment.AssertCacheEqualsServerAsync(bed.Account);
    }

    [Fact]
    public async Task Without_MOVE_the_server_gets_COPY_STORE_and_UID_EXPUNGE_and_every_message_stays_in_exactly_one_folder()
    {
        await using var bed = await ActionTestBed.StartAsync(options: new DovecotOptions { DisableMove = true });
        using (var client = await bed.Dovecot.ConnectAsync())
        {
            Assert.False(client.Capabilities.HasFlag(MailKit.Net.Imap.ImapCapabilities.Move));
            Assert.True(client.Capabilities.HasFlag(MailKit.Net.Imap.ImapCapabilities.UidPlus));
        }

        var before = await bed.ServerCountsAsync();
        var idsBefore = Normalize(await bed.ServerMessageIdsAsync());
        await bed.Account.Actions.CreateFolderAsync("Projects/Sorted");

        var plan = await bed.Account.Actions.PlanAsync(MessageAction.MoveTo("Projects/Sorted"), "in:INBOX is:unread");
        var result = await bed.Account.Actions.ApplyAsync(plan.Id, batchSize: 7);

        Assert.True(plan.Count > 7);
        Assert.Equal(plan.Count, result.Done);
        Assert.Equal(before["INBOX"] - plan.Count, (await bed.Dovecot.StatusAsync("INBOX")).Messages);
        Assert.Equal(plan.Count, (await bed.Dovecot.StatusAsync("Projects/Sorted")).Messages);
        var moved = Normalize(await bed.ServerMessageIdsAsync());
        Assert.Equal(idsBefore.Keys.Order(), moved.Keys.Order());
        Assert.All(idsBefore, kv => Assert.Equal(kv.Value.Count, moved[kv.Key].Count));

        await bed.Account.Actions.UndoAsync();

        Assert.Equal(idsBefore, Normalize(await bed.ServerMessageIdsAsync()));
        await bed.Account.SyncAsync();
        await bed.Environment.AssertCacheEqualsServerAsync(bed.Account);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancelling_mid_apply_leaves_every_message_in_exactly_one_folder_and_a_resync_matches_the_server(bool withoutMove)
    {
        await using var bed = await ActionTestBed.StartAsync(options: new DovecotOptions { DisableMove = withoutMove });
        var idsBefore = Normalize(await bed.ServerMessageIdsAsync());
        var plan = await bed.Account.Actions.PlanAsync(MessageAction.Archive, "in:INBOX");
        using var cancel = new CancellationTokenSource();
        var reports = 0;
        var progress = new SyncProgressAction(_ =>
        {
            if (++reports == 3)
                cancel.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bed.Account.Actions.ApplyAsync(plan.Id, progress, batchSize: 10, cancel.Token));

        var after = Normalize(await bed.ServerMessageIdsAsync());
        Assert.Equal(idsBefore.Keys.Order(), after.Keys.Order());
        Assert.All(idsBefore, kv => Assert.Equal(kv.Value.Count, after[kv.Key].Count));
        var inArchive = (await bed.Dovecot.StatusAsync("Archive")).Messages - bed.Mailbox.Folder("Archive").Count;
        Assert.Equal(30, inArchive);
        var entry = (await bed.Account.Actions.GetJournalAsync()).Single();
        Assert.Equal(("Interrupted", 30), (entry.State, entry.Done));
        Assert.Equal(plan.Count - 30, (await bed.Account.Queries.SearchAsync("in:INBOX")).Total);
        await bed.Account.SyncAsync();
        await bed.Environment.AssertCacheEqualsServerAsync(bed.Account);

        var undone = await bed.Account.Actions.UndoAsync(plan.Id);

        Assert.Equal(30, undone.Done);
        Assert.Equal(idsBefore, Normalize(await bed.ServerMessageIdsAsync()));
        await bed.Account.SyncAsync();
        await bed.Environment.AssertCacheEqualsServerAsync(bed.Account);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_connection_dropped_between_batches_is_reopened_and_the_plan_completes(bool withoutMove)
    {
        await using var bed = await ActionTestBed.StartAsync(options: new DovecotOptions { DisableMove = withoutMove });
        var idsBefore = Normalize(await bed.ServerMessageIdsAsync());
        var plan = await bed.Account.Actions.PlanAsync(MessageAction.Archive, "in:INBOX");
        var reports = 0;
        var progress = new SyncProgressAction(_ =>
        {
            // Reported between batches, on the applying call's own flow: the next batch meets a dead connection.
            if (++reports is 2 or 4)
                bed.Dovecot.KickAllAsync().GetAwaiter().GetResult();
        });

        var result = await bed.Account.Actions.ApplyAsync(plan.Id, progress, batchSize: 10);

        Assert.Equal((plan.Count, 0), (result.Done, result.Missing));
        var after = Normalize(await bed.ServerMessageIdsAsync());
        Assert.All(idsBefore, kv => Assert.Equal(kv.Value.Count, after[kv.Key].Count));
        Assert.Equal(0, (await bed.Dovecot.StatusAsync("INBOX")).Messages);
        await bed.Account.SyncAsync();
        await bed.Environment.AssertCacheEqualsServerAsync(bed.Account);

        await bed.Account.Actions.UndoAsync(plan.Id);

        Assert.Equal(idsBefore, Normalize(await bed.ServerMessageIdsAsync()));
    }

    [Fact]
    public async Task Mark_read_and_flag_over_a_query_and_keys_change_exactly_those_flags_and_undo_restores_them()
    {
        await using var bed = await ActionTestBed.StartAsync();
        var unreadBefore = (await bed.Dovecot.StatusAsync("INBOX")).Unseen;

        var plan = await bed.Account.Actions.PlanAsync(MessageAction.MarkRead, "in:INBOX is:unread");
        var read = await bed.Account.Actions.ApplyAsync(plan.Id);

        Assert.Equal(unreadBefore, plan.Count);
        Assert.Equal(plan.Count, read.Done);
        Assert.Equal(0, (await bed.Dovecot.StatusAsync("INBOX")).Unseen);
        Assert.Equal(0, (await bed.Account.Queries.SearchAsync("in:INBOX is:unread")).Total);

        var keys = (await bed.Account.Queries.SearchAsync("in:INBOX is:unflagged", new QueryOptions { Limit = 3 })).Messages.Select(m => m.Key).ToList();
        var flagged = await bed.Account.Actions.RunAsync(MessageAction.Flag, keys);
        Assert.Equal(3, flagged.Done);
        var nowFlagged = await bed.Account.Queries.SearchAsync("is:flagged in:INBOX", new QueryOptions { Limit = 1000 });
        Assert.Subset(nowFlagged.Messages.Select(m => m.Key).ToHashSet(), keys.ToHashSet());

        await bed.Account.Actions.UndoAsync();
        await bed.Account.Actions.UndoAsync();

        Assert.Equal(unreadBefore, (await bed.Dovecot.StatusAsync("INBOX")).Unseen);
        await bed.Account.SyncAsync();
        await bed.Environment.AssertCacheEqualsServerAsync(bed.Account);
        Assert.Equal(unreadBefore, (await bed.Account.Queries.SearchAsync("in:INBOX is:unread")).Total);
    }

    [Fact]
    public async Task Copy_then_undo_removes_the_copies_and_a_permanent_delete_says_it_cannot_be_undone()
    {
        await using var bed = await ActionTestBed.StartAsync();
        var before = await bed.ServerCountsAsync();
        var keys = (await bed.Account.Queries.SearchAsync("in:INBOX", new QueryOptions { Limit = 5 })).Messages.Select(m => m.Key).ToList();

        var copied = await bed.Account.Actions.RunAsync(MessageAction.CopyTo("Archive"), keys);
        Assert.Equal(5, copied.Done);
        Assert.Equal(before["Archive"] + 5, (await bed.Dovecot.StatusAsync("Archive")).Messages);
        Assert.Equal(before["INBOX"], (await bed.Dovecot.StatusAsync("INBOX")).Messages);
        Assert.Equal(before["Archive"] + 5, (await bed.Account.Queries.GetFoldersAsync()).Single(f => f.Name == "Archive").Messages);
        await bed.Account.Actions.UndoAsync();
        Assert.Equal(before, await bed.ServerCountsAsync());

        var plan = await bed.Account.Actions.PlanAsync(MessageAction.Delete(permanent: true), keys.Take(2).ToList());
        Assert.False(plan.Undoable);
        Assert.Contains("cannot be undone", plan.Summary, StringComparison.Ordinal);
        var deleted = await bed.Account.Actions.ApplyAsync(plan.Id);
        Assert.Equal(2, deleted.Done);
        Assert.Equal(before["INBOX"] - 2, (await bed.Dovecot.StatusAsync("INBOX")).Messages);
        Assert.Equal(before["Trash"], (await bed.Dovecot.StatusAsync("Trash")).Messages);
        var refused = await Assert.ThrowsAsync<ActionException>(() => bed.Account.Actions.UndoAsync(plan.Id));
        Assert.Contains("permanently", refused.Message, StringComparison.Ordinal);

        var trashPlan = await bed.Account.Actions.PlanAsync(MessageAction.Delete(), keys.Skip(2).ToList());
        Assert.Equal("Trash", trashPlan.Action.Destination);
        Assert.True(trashPlan.Undoable);
        await bed.Account.Actions.ApplyAsync(trashPlan.Id);
        Assert.Equal(before["Trash"] + 3, (await bed.Dovecot.StatusAsync("Trash")).Messages);
        await bed.Account.Actions.UndoAsync(trashPlan.Id);
        Assert.Equal(before["INBOX"] - 2, (await bed.Dovecot.StatusAsync("INBOX")).Messages);
        await bed.Account.SyncAsync();
        await bed.Environment.AssertCacheEqualsServerAsync(bed.Account);
    }

    [Fact]
    public async Task A_plan_whose_folder_was_recreated_on_the_server_is_refused_and_changes_nothing()
    {
        await using var bed = await ActionTestBed.StartAsync();
        var folder = bed.Mailbox.Folders.First(f => f.Count > 5 && f.SpecialUse == SpecialUse.None && f.Name != "INBOX" && !f.Name.Contains(' ', StringComparison.Ordinal)).Name;
        var plan = await bed.Account.Actions.PlanAsync(MessageAction.Archive, $"in:{folder}");
        Assert.True(plan.Count > 0);
        await bed.Dovecot.RecreateFolderAsync(folder);
        var before = await bed.ServerCountsAsync();

        var refused = await Assert.ThrowsAsync<ActionException>(() => bed.Account.Actions.ApplyAsync(plan.Id));

        Assert.Contains("UIDVALIDITY", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await bed.ServerCountsAsync());
        Assert.Empty(await bed.Account.Actions.GetJournalAsync());
    }

    private static Dictionary<string, List<string>> Normalize(Dictionary<string, List<string>> ids) =>
        ids.ToDictionary(kv => kv.Key, kv => kv.Value.Order(StringComparer.Ordinal).ToList());

    private sealed class ListProgress(List<ActionProgress> list) : IProgress<ActionProgress>
    {
        public void Report(ActionProgress value) => list.Add(value);
    }

    private sealed class SyncProgressAction(Action<ActionProgress> action) : IProgress<ActionProgress>
    {
        public void Report(ActionProgress value) => action(value);
    }
}
