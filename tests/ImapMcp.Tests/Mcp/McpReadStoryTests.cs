using System.Text.Json;
using TestHarness.Mail;
using static ImapMcp.Tests.Mcp.McpServerFixture;

namespace ImapMcp.Tests.Mcp;

/// <summary>The read stories of issue 4, told to the built imap-mcp through the SDK's client over stdio, with the generator's exact answers.</summary>
[Collection(McpServerCollection.Name)]
public sealed class McpReadStoryTests(GeneratedMailboxServer fixture)
{
    private GeneratedMailbox Mailbox => fixture.Mailbox;

    [Fact]
    public async Task Find_the_IEEE_reviewer_panel_invitation_in_a_forgotten_subfolder_with_its_thread()
    {
        var story = Mailbox.IeeeInvitation;

        var search = Structured(await fixture.CallAsync("search", new() { ["query"] = "from:ieee.org \"reviewer panel\"" }));

        var keys = search.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("key").GetString()).ToList();
        Assert.Contains(KeyOf(story.Invitation), keys);
        Assert.Equal(keys.Count, search.GetProperty("total").GetInt32());
        Assert.All(keys, k => Assert.StartsWith(story.Folder + ":", k, StringComparison.Ordinal));

        var thread = await fixture.CallAsync("get_thread", new() { ["key"] = KeyOf(story.Invitation) });
        Assert.Equal(story.Thread.Select(KeyOf), Structured(thread).GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("key").GetString()));
        Assert.Contains($"{story.Thread.Count} messages in the conversation", Text(thread), StringComparison.Ordinal);

        var message = await fixture.CallAsync("get_message", new() { ["key"] = KeyOf(story.Invitation) });
        var body = Structured(message).GetProperty("body").GetString()!;
        Assert.StartsWith("<<<BEGIN UNTRUSTED MAIL CONTENT ", body, StringComparison.Ordinal);
        Assert.Contains(story.Invitation.Subject, Text(message), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreplied_mail_of_the_last_two_weeks_is_exactly_the_generators_set()
    {
        var result = Structured(await fixture.CallAsync("unreplied", new() { ["since"] = "2w", ["limit"] = 200 }));

        Assert.Equal(
            Mailbox.Unreplied.Unanswered.Select(KeyOf).Order(StringComparer.Ordinal),
            result.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("key").GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Top_senders_automated_share_and_never_opened_senders_are_exact()
    {
        var received = Mailbox.Messages.Where(m => !m.IsFromOwner && m.Folder is not ("Sent" or "Drafts")).ToList();
        var expectedTop = Mailbox.CountsBySender().Where(kv => !Mailbox.IsOwnerAddress(kv.Key))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(10).ToList();

        var top = Structured(await fixture.CallAsync("top_senders", new() { ["since"] = "10y", ["limit"] = 10 }));
        var share = Structured(await fixture.CallAsync("automation_share", new() { ["since"] = "10y" }));
        var never = Structured(await fixture.CallAsync("never_opened_senders", new() { ["since"] = "10y", ["minMessages"] = 1, ["limit"] = 500 }));

        Assert.Equal(expectedTop.Select(kv => (kv.Key, kv.Value)), top.GetProperty("senders").EnumerateArray().Select(s => (s.GetProperty("address").GetString()!, s.GetProperty("messages").GetInt32())));
        Assert.Equal(received.Count(m => m.IsAutomated), share.GetProperty("automated").GetInt32());
        Assert.Equal(received.Count(m => !m.IsAutomated), share.GetProperty("human").GetInt32());
        Assert.All(share.GetProperty("byRule").EnumerateArray(), r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("rule").GetString())));
        Assert.Equal(Mailbox.SendersNeverOpened(), never.GetProperty("senders").EnumerateArray().Select(s => s.GetProperty("address").GetString()));
    }

    [Fact]
    public async Task Senders_of_the_last_six_months_by_category_match_the_generator()
    {
        var since = Mailbox.Now.AddMonths(-6);
        var received = Mailbox.Messages.Where(m => !m.IsFromOwner && m.Folder is not ("Sent" or "Drafts") && m.Date >= since).ToList();

        var overview = Structured(await fixture.CallAsync("mailbox_overview", new() { ["since"] = "6m" }));

        var volume = overview.GetProperty("categories").EnumerateArray().ToDictionary(c => c.GetProperty("category").GetString()!, c => c.GetProperty("messages").GetInt32());
        int Generated(MailCategory c) => received.Count(m => m.Category == c);
        Assert.Equal(received.Count, overview.GetProperty("receivedInWindow").GetInt32());
        Assert.Equal(Generated(MailCategory.GitHub), volume.GetValueOrDefault("github"));
        Assert.Equal(Generated(MailCategory.LinkedIn), volume.GetValueOrDefault("linkedin"));
        Assert.Equal(Generated(MailCategory.Human), volume.GetValueOrDefault("human"));
        Assert.Equal(Generated(MailCategory.Spam), volume.GetValueOrDefault("spam"));
        foreach (var (category, name) in new[] { (MailCategory.Monitoring, "monitoring"), (MailCategory.Newsletter, "newsletter"), (MailCategory.Shopping, "shopping"), (MailCategory.Finance, "finance"), (MailCategory.Travel, "travel"), (MailCategory.Service, "service") })
            Assert.InRange(volume.GetValueOrDefault(name), Generated(category) - received.Count * 3 / 100 - 1, Generated(category) + received.Count * 3 / 100 + 1);
        var folders = overview.GetProperty("folders").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("messages").GetInt32());
        Assert.Equal(Mailbox.CountsByFolder().Where(kv => folders.ContainsKey(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal), folders.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Search_pages_with_an_exact_total_and_every_answer_says_how_fresh_it_is()
    {
        var first = await fixture.CallAsync("search", new() { ["query"] = "is:unread", ["limit"] = 100 });
        var page = Structured(first);

        Assert.Equal(Mailbox.Messages.Count(m => (m.Flags & MailFlags.Seen) == 0), page.GetProperty("total").GetInt32());
        Assert.Equal(100, page.GetProperty("messages").GetArrayLength());
        Assert.Equal(100, page.GetProperty("nextOffset").GetInt32());
        var freshness = page.GetProperty("freshness");
        Assert.Equal(JsonValueKind.String, freshness.GetProperty("lastSynced").ValueKind);
        Assert.Contains("last synced", Text(first), StringComparison.Ordinal);
    }
}
