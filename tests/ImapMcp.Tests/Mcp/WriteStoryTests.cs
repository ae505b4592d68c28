using System.Text.Json;
using MailKit;
using ModelContextProtocol;
using TestHarness.Mail;
using static ImapMcp.Tests.Mcp.McpServerFixture;

namespace ImapMcp.Tests.Mcp;

/// <summary>The write stories of issue 4, told to the built imap-mcp (--write) through the SDK's client over stdio against Dovecot.</summary>
[Collection(WriteServerCollection.Name)]
public sealed class WriteStoryTests(WriteServerFixture fixture)
{
    internal static readonly string[] WriteTools =
    [
        "apply_plan", "archive", "copy", "create_draft", "create_folder", "create_reply_draft", "delete", "delete_draft", "delete_folder",
        "flag", "list_journal", "mark_read", "mark_unread", "move", "rename_folder", "undo", "unflag", "update_draft",
    ];

    private GeneratedMailbox Mailbox => fixture.Mailbox;

    [Fact]
    public async Task With_write_the_write_tools_are_listed_with_honest_hints_and_none_sends_mail()
    {
        var tools = (await fixture.Client.ListToolsAsync()).Select(t => t.ProtocolTool).ToList();

        Assert.Equal(McpServerBasicsTests.ReadTools.Concat(WriteTools).Order(StringComparer.Ordinal), tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(tools, t => t.Name.Split('_').Any(w => w is "send" or "forward" or "submit"));
        foreach (var tool in tools.Where(t => WriteTools.Contains(t.Name) && t.Name != "list_journal"))
        {
            Assert.NotNull(tool.OutputSchema);
            Assert.Equal((false, false, false), (tool.Annotations!.ReadOnlyHint, tool.Annotations.IdempotentHint, tool.Annotations.OpenWorldHint));
        }

        Assert.All(tools.Where(t => t.Name is "move" or "delete" or "delete_folder" or "apply_plan" or "undo"), t => Assert.True(t.Annotations!.DestructiveHint));
        Assert.All(tools.Where(t => t.Name is "create_folder" or "create_draft" or "create_reply_draft" or "copy"), t => Assert.False(t.Annotations!.DestructiveHint));
    }

    [Fact]
    public async Task Propose_a_folder_structure_and_start_sorting_then_undo_restores_the_server()
    {
        var github = Mailbox.Messages.Where(m => m.From.Address.EndsWith("@github.com", StringComparison.OrdinalIgnoreCase)).ToList();
        var before = await CountsAsync(github.Select(m => m.Folder).Distinct());

        Structured(await fixture.CallAsync("create_folder", new() { ["name"] = "Dev" }));
        var dryRun = Structured(await fixture.CallAsync("move", new() { ["destination"] = "Dev", ["query"] = "from:github.com" })).GetProperty("plan");

        Assert.Equal(github.Count, dryRun.GetProperty("count").GetInt32());
        Assert.Equal(0, (await fixture.Dovecot.StatusAsync("Dev")).Messages);
        Assert.Equal(10, dryRun.GetProperty("sample").GetArrayLength());
        var planId = dryRun.GetProperty("planId").GetString()!;
        var notes = new List<ProgressNotificationValue>();

        var applied = Structured(await fixture.Client.CallToolAsync("apply_plan", new Dictionary<string, object?> { ["planId"] = planId }, new Progress(notes)));

        Assert.Equal((github.Count, 0), (applied.GetProperty("done").GetInt32(), applied.GetProperty("missing").GetInt32()));
        Assert.Equal(github.Count, (await fixture.Dovecot.StatusAsync("Dev")).Messages);
        foreach (var (folder, count) in before)
            Assert.Equal(count - github.Count(m => m.Folder == folder), (await fixture.Dovecot.StatusAsync(folder)).Messages);
        // Notifications travel beside the answer, not before it: wait (bounded) for the first one to arrive.
        await WaitUntilAsync(() =>
        {
            lock (notes)
                return notes.Count > 0;
        });
        var search = Structured(await fixture.CallAsync("search", new() { ["query"] = "in:Dev", ["limit"] = 1 }));
        Assert.Equal(github.Count, search.GetProperty("total").GetInt32());
        var again = await fixture.CallAsync("apply_plan", new() { ["planId"] = planId });
        Assert.True(again.IsError);
        Assert.Contains("already applied", Text(again), StringComparison.Ordinal);

        var undone = Structured(await fixture.CallAsync("undo", new() { ["planId"] = planId }));

        Assert.Equal(github.Count, undone.GetProperty("done").GetInt32());
        Assert.Equal(0, (await fixture.Dovecot.StatusAsync("Dev")).Messages);
        Assert.Equal(before, await CountsAsync(before.Keys));
        var journal = Structured(await fixture.CallAsync("list_journal", new() { ["limit"] = 5 })).GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["undo", "move", "create_folder"], journal.Take(3).Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Archive_all_newsletters_older_than_3_months_applies_exactly_the_dry_run_count()
    {
        var archive = (await fixture.Dovecot.StatusAsync("Archive")).Messages;

        var plan = Structured(await fixture.CallAsync("archive", new() { ["query"] = "category:newsletter older_than:3m" })).GetProperty("plan");
        var count = plan.GetProperty("count").GetInt32();
        var applied = Structured(await fixture.CallAsync("apply_plan", new() { ["planId"] = plan.GetProperty("planId").GetString() }));

        Assert.True(count > 0);
        Assert.Equal("Archive", plan.GetProperty("destination").GetString());
        Assert.Equal(count, applied.GetProperty("done").GetInt32());
        Assert.Equal(archive + count, (await fixture.Dovecot.StatusAsync("Archive")).Messages);
        var left = Structured(await fixture.CallAsync("search", new() { ["query"] = "category:newsletter older_than:3m -in:Archive", ["limit"] = 1 }));
        Assert.Equal(0, left.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Draft_a_reply_confirming_the_time_she_proposed_lands_in_Drafts_threaded_and_nothing_is_sent()
    {
        var story = Mailbox.BudgetThread;
        var last = story.LastMessage;
        var inbox = (await fixture.Dovecot.StatusAsync("INBOX")).Messages;
        var sent = (await fixture.Dovecot.StatusAsync("Sent")).Messages;
        var drafts = (await fixture.Dovecot.StatusAsync("Drafts")).Messages;

        var result = await fixture.CallAsync("create_reply_draft", new() { ["key"] = KeyOf(last), ["body"] = $"Hi Sarah, {story.ProposedMeeting} works for me." });
        var draft = Structured(result);

        Assert.False(draft.GetProperty("sent").GetBoolean());
        Assert.Contains("Nothing was sent", Text(result), StringComparison.Ordinal);
        Assert.Equal(last.MessageId, draft.GetProperty("inReplyTo").GetString());
        Assert.Equal([story.Sarah.Address], draft.GetProperty("to").EnumerateArray().Select(t => MimeKit.MailboxAddress.Parse(t.GetString()!).Address));
        Assert.Equal("Re: " + story.Subject, draft.GetProperty("subject").GetString());
        Assert.Equal((inbox, sent, drafts + 1), ((await fixture.Dovecot.StatusAsync("INBOX")).Messages, (await fixture.Dovecot.StatusAsync("Sent")).Messages, (await fixture.Dovecot.StatusAsync("Drafts")).Messages));

        using var client = await fixture.Dovecot.ConnectAsync();
        var folder = await client.GetFolderAsync("Drafts");
        await folder.OpenAsync(FolderAccess.ReadOnly);
        var uid = new UniqueId(uint.Parse(draft.GetProperty("key").GetString()!.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
        var message = await folder.GetMessageAsync(uid);
        var flags = (await folder.FetchAsync([uid], MessageSummaryItems.Flags)).Single().Flags!.Value;
        Assert.True(flags.HasFlag(MessageFlags.Draft));
        Assert.Equal(last.References.Append(last.MessageId!), message.References);
        Assert.Contains(message.TextBody!.Split('\n'), l => l.StartsWith('>') && l.Contains(story.ProposedMeeting, StringComparison.Ordinal));

        var cached = Structured(await fixture.CallAsync("get_message", new() { ["key"] = draft.GetProperty("key").GetString() }));
        Assert.Equal("Re: " + story.Subject, cached.GetProperty("message").GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Bad_write_arguments_are_refused_with_a_fix_and_change_nothing()
    {
        var inbox = (await fixture.Dovecot.StatusAsync("INBOX")).Messages;

        var noDryRun = await fixture.CallAsync("archive", new() { ["query"] = "in:INBOX", ["dryRun"] = false });
        var both = await fixture.CallAsync("flag", new() { ["query"] = "in:INBOX", ["keys"] = new[] { "INBOX:1" } });
        var badFolder = await fixture.CallAsync("move", new() { ["destination"] = "Archve", ["keys"] = new[] { "INBOX:1" } });
        var badQuery = await fixture.CallAsync("delete", new() { ["query"] = "is:importnt" });
        var noPlan = await fixture.CallAsync("apply_plan", new() { ["planId"] = "plan-000000000000" });
        var inboxDelete = await fixture.CallAsync("delete_folder", new() { ["name"] = "INBOX" });

        Assert.All([noDryRun, both, badFolder, badQuery, noPlan, inboxDelete], r => Assert.True(r.IsError));
        Assert.Contains("dry run", Text(noDryRun), StringComparison.Ordinal);
        Assert.Contains("'Archive'", Text(badFolder), StringComparison.Ordinal);
        Assert.Contains("is:⟶importnt", Text(badQuery), StringComparison.Ordinal);
        Assert.Equal(inbox, (await fixture.Dovecot.StatusAsync("INBOX")).Messages);
    }

    private async Task<Dictionary<string, int>> CountsAsync(IEnumerable<string> folders)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in folders)
            counts[f] = (await fixture.Dovecot.StatusAsync(f)).Messages;
        return counts;
    }

    private sealed class Progress(List<ProgressNotificationValue> list) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value)
        {
            lock (list)
                list.Add(value);
        }
    }
}
