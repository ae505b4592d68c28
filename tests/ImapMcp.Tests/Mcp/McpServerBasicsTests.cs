using ModelContextProtocol;
using static ImapMcp.Tests.Mcp.McpServerFixture;

namespace ImapMcp.Tests.Mcp;

/// <summary>What every client sees first: the tool list of a read-only server, honest annotations, and errors a model can act on.</summary>
[Collection(McpServerCollection.Name)]
public sealed class McpServerBasicsTests(GeneratedMailboxServer fixture)
{
    internal static readonly string[] ReadTools =
    [
        "account_status", "authentication_results", "automation_share", "calendar_invites", "get_message", "get_thread",
        "list_accounts", "list_attachments", "list_folders", "load_mail", "mailbox_overview", "never_opened_senders",
        "save_attachment", "search", "sync_now", "top_domains", "top_senders", "unreplied",
    ];

    [Fact]
    public async Task Without_write_the_server_lists_only_tools_that_leave_the_mailbox_unchanged()
    {
        var tools = await fixture.Client.ListToolsAsync();

        Assert.Equal(ReadTools.Order(StringComparer.Ordinal), tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        foreach (var tool in tools.Select(t => t.ProtocolTool))
        {
            Assert.False(string.IsNullOrWhiteSpace(tool.Description), tool.Name);
            Assert.NotNull(tool.OutputSchema);
            var hints = tool.Annotations!;
            Assert.False(hints.DestructiveHint ?? true, tool.Name);
            Assert.NotNull(hints.ReadOnlyHint);
            Assert.NotNull(hints.OpenWorldHint);
            Assert.NotNull(hints.IdempotentHint);
            if (hints.ReadOnlyHint == false)
                Assert.Contains("server changes", tool.Description, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Without_write_on_the_command_line_the_configs_allowWrite_decides_the_tool_list(bool allowWrite)
    {
        var name = allowWrite ? "allow-write" : "deny-write";
        var config = Path.Combine(fixture.Directory, name + ".json");
        var json = (await File.ReadAllTextAsync(fixture.ConfigPath)).Replace("alex.db", name + ".db", StringComparison.Ordinal);
        await File.WriteAllTextAsync(config, $"{{ \"allowWrite\": {(allowWrite ? "true" : "false")}, " + json.TrimStart()[1..]);

        await using var client = await fixture.StartAsync(["--config", config, "--no-sync"]);
        var tools = (await client.ListToolsAsync()).Select(t => t.Name).Order(StringComparer.Ordinal);
        var accounts = Structured(await client.CallToolAsync("list_accounts", new Dictionary<string, object?>()));

        var expected = allowWrite ? ReadTools.Concat(WriteStoryTests.WriteTools) : ReadTools;
        Assert.Equal(expected.Order(StringComparer.Ordinal), tools);
        Assert.Equal(allowWrite, accounts.GetProperty("writeToolsEnabled").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_folder_names_the_closest_existing_ones()
    {
        var folder = fixture.Mailbox.IeeeInvitation.Folder;
        var misspelled = folder.Replace("Misc", "Misk", StringComparison.Ordinal);

        var search = await fixture.CallAsync("search", new() { ["query"] = $"folder:{misspelled} reviewer" });
        var key = await fixture.CallAsync("get_message", new() { ["key"] = misspelled + ":1" });

        Assert.True(search.IsError);
        Assert.Contains($"There is no folder '{misspelled}'", Text(search), StringComparison.Ordinal);
        Assert.Contains($"'{folder}'", Text(search), StringComparison.Ordinal);
        Assert.True(key.IsError);
        Assert.Contains($"'{folder}'", Text(key), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_query_says_where_it_is_wrong()
    {
        var result = await fixture.CallAsync("search", new() { ["query"] = "from:ieee.org is:importnt" });

        Assert.True(result.IsError);
        Assert.Contains("at character 18", Text(result), StringComparison.Ordinal);
        Assert.Contains("is:⟶importnt", Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limits_say_the_maximum_and_keys_say_their_format()
    {
        var overLimit = await fixture.CallAsync("search", new() { ["query"] = "", ["limit"] = 500 });
        var badKey = await fixture.CallAsync("get_thread", new() { ["key"] = "the IEEE mail" });
        var badSince = await fixture.CallAsync("unreplied", new() { ["since"] = "last fortnight" });
        var unknownAccount = await fixture.CallAsync("list_folders", new() { ["account"] = "bob" });

        Assert.Contains("limit must be from 1 to 100", Text(overLimit), StringComparison.Ordinal);
        Assert.Contains("Folder:Uid", Text(badKey), StringComparison.Ordinal);
        Assert.Contains("such as 2w, 6m or 1y", Text(badSince), StringComparison.Ordinal);
        Assert.Contains("Accounts: 'alex'", Text(unknownAccount), StringComparison.Ordinal);
        Assert.All(new[] { overLimit, badKey, badSince, unknownAccount }, r => Assert.True(r.IsError));
    }

    [Fact]
    public async Task A_rejected_sync_changes_nothing_and_names_the_folder_it_meant()
    {
        var before = Structured(await fixture.CallAsync("account_status")).GetProperty("freshness").GetProperty("lastSynced").GetString();

        var result = await fixture.CallAsync("sync_now", new() { ["folders"] = new[] { "INBOX", "Sentt" } });

        Assert.True(result.IsError);
        Assert.Contains("'Sent'", Text(result), StringComparison.Ordinal);
        Assert.Equal(before, Structured(await fixture.CallAsync("account_status")).GetProperty("freshness").GetProperty("lastSynced").GetString());
    }

    [Fact]
    public async Task Sync_now_reports_progress_and_says_how_fresh_the_cache_is()
    {
        var updates = new List<ProgressNotificationValue>();
        var progress = new Progress(updates);

        var result = await fixture.Client.CallToolAsync("sync_now", new Dictionary<string, object?> { ["bodies"] = false }, progress);

        var report = Structured(result);
        Assert.Equal(fixture.Mailbox.Messages.Count, report.GetProperty("cachedMessages").GetInt64());
        Assert.Equal(0, report.GetProperty("report").GetProperty("newMessages").GetInt64());
        // Notifications travel beside the answer, not before it: wait (bounded) for the first one to arrive.
        await WaitUntilAsync(() =>
        {
            lock (updates)
                return updates.Count > 0;
        });
        Assert.Contains("last synced", Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_mail_on_a_fully_synced_account_fetches_nothing_and_says_every_date_is_held()
    {
        var since = fixture.Mailbox.Now.AddMonths(-1);
        var expected = fixture.Mailbox.Messages.Count(m => m.Date >= new DateTimeOffset(since.UtcDateTime.Date, TimeSpan.Zero));

        var call = await fixture.CallAsync("load_mail", new() { ["after"] = "1m" });

        var result = Structured(call);
        Assert.Equal(expected, result.GetProperty("messagesInRange").GetInt32());
        Assert.Equal(0, result.GetProperty("sync").GetProperty("newMessages").GetInt64());
        Assert.All(result.GetProperty("folders").EnumerateArray(), f => Assert.Equal(
            ["null-null"], f.GetProperty("complete").EnumerateArray().Select(r => $"{r.GetProperty("since").ValueKind}-{r.GetProperty("before").ValueKind}".ToLowerInvariant())));
        Assert.Contains("- INBOX: every date", Text(call), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_and_the_overview_are_resources_and_the_prompts_name_the_tools()
    {
        var ieee = fixture.Mailbox.IeeeInvitation.Invitation;
        var templates = await fixture.Client.ListResourceTemplatesAsync();
        var prompts = await fixture.Client.ListPromptsAsync();

        var message = await fixture.Client.ReadResourceAsync($"imap-mcp://alex/message/{Uri.EscapeDataString(KeyOf(ieee))}");
        var overview = await fixture.Client.ReadResourceAsync("imap-mcp://overview");
        var triage = await fixture.Client.GetPromptAsync("triage_inbox", new Dictionary<string, object?> { ["since"] = "3d" });

        Assert.Contains(templates, t => t.UriTemplate == "imap-mcp://{account}/message/{key}");
        Assert.Equal(["draft_reply", "newsletter_cleanup", "triage_inbox", "weekly_unreplied_review"], prompts.Select(p => p.Name).Order(StringComparer.Ordinal));
        var text = Assert.IsType<ModelContextProtocol.Protocol.TextResourceContents>(Assert.Single(message.Contents)).Text;
        Assert.Contains(ieee.Subject, text, StringComparison.Ordinal);
        Assert.Contains("<<<BEGIN UNTRUSTED MAIL CONTENT", text, StringComparison.Ordinal);
        Assert.Contains("by category", Assert.IsType<ModelContextProtocol.Protocol.TextResourceContents>(Assert.Single(overview.Contents)).Text, StringComparison.Ordinal);
        var prompt = Assert.IsType<ModelContextProtocol.Protocol.TextContentBlock>(Assert.Single(triage.Messages).Content).Text;
        Assert.Contains("newer_than:3d", prompt, StringComparison.Ordinal);
        Assert.Contains("not by the user", prompt, StringComparison.Ordinal);
    }

    private sealed class Progress(List<ProgressNotificationValue> updates) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value)
        {
            lock (updates)
                updates.Add(value);
        }
    }
}
