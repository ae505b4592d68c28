using ModelContextProtocol;
using static ImapMcp.Tests.Mcp.McpServerFixture;

namespace ImapMcp.Tests.Mcp;

/// <summary>What every client sees first: the tool list of a read-only server, honest annotations, and errors a model can act on.</summary>
[Collection(McpServerCollection.Name)]
public sealed class McpServerBasicsTests(McpServerFixture fixture)
{
    internal static readonly string[] ReadTools =
    [
        "account_status", "automation_share", "get_message", "get_thread", "list_accounts", "list_folders",
        "mailbox_overview", "never_opened_senders", "search", "sync_now", "top_domains", "top_senders", "unreplied",
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
                Assert.Contains("nothing on the server changes", tool.Description, StringComparison.Ordinal);
        }
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
        Assert.NotEmpty(updates);
        Assert.Contains("last synced", Text(result), StringComparison.Ordinal);
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
