using ImapMcp.Mail.Internal;
using ImapMcp.Mail.Query;
using ImapMcp.Mail.Tests.Support;

namespace ImapMcp.Mail.Tests.Query;

/// <summary>Senders and lists found through the lookup indexes, negation inside one full-text match, and copies counted once.</summary>
public sealed class QueryLookupTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private TestCache _cache = null!;
    private MailQueries _queries = null!;
    private MailAnalytics _analytics = null!;

    public async Task InitializeAsync()
    {
        _cache = await TestCache.CreateAsync();
        static Dictionary<string, string> List(string id) => new(StringComparer.OrdinalIgnoreCase) { ["List-Id"] = id };
        await _cache.AddAsync("INBOX",
            new TestMessage(1, "no-reply@sns.cloud.example", "Alarm: disk full", Now.AddDays(-1)) { MessageId = "<a1@sns>" },
            new TestMessage(2, "billing@cloud.example", "Your invoice", Now.AddDays(-2)) { MessageId = "<b1@cloud>" },
            new TestMessage(3, "Arjun.Ivanova@Example.com", "Budget numbers", Now.AddDays(-3)) { FromName = "Arjun Ivanova", MessageId = "<c1@example>" },
            new TestMessage(4, "arjun@other.example", "Budget plan", Now.AddDays(-4)) { FromName = "Arjun Ivanova", MessageId = "<c2@other>" },
            new TestMessage(5, "team@notcloud.example", "Budget cloud.example review", Now.AddDays(-5)) { FromName = "cloud.example team", MessageId = "<d1@notcloud>" },
            new TestMessage(6, "notifications@github.com", "[infra] Deploy failed", Now.AddDays(-6)) { Headers = List("northwind/infra <infra.northwind.github.com>"), MessageId = "<e1@github>" },
            new TestMessage(7, "notifications@github.com", "[api] Review requested", Now.AddDays(-7)) { Headers = List("northwind/api <api.northwind.github.com>"), MessageId = "<e2@github>" },
            new TestMessage(8, "newsletter@weeklydev.example", "The Weekly Dev #12", Now.AddDays(-8)) { Headers = List("The Weekly Dev <weekly.weeklydev.example>"), MessageId = "<f1@weekly>" },
            new TestMessage(9, "sarah@client.example", "Budget approved", Now.AddDays(-9)) { FromName = "Sarah Connor", MessageId = "<g1@client>" });
        // The invoice and the budget numbers filed a second time: the copies must not count twice in analytics.
        await _cache.AddAsync("Archive",
            new TestMessage(1, "billing@cloud.example", "Your invoice", Now.AddDays(-2)) { MessageId = "<b1@cloud>" },
            new TestMessage(2, "Arjun.Ivanova@Example.com", "Budget numbers", Now.AddDays(-3)) { FromName = "Arjun Ivanova", MessageId = "<c1@example>" });
        _queries = new MailQueries(_cache.Cache, ["me@example.com"]);
        _analytics = new MailAnalytics(_cache.Cache, ["me@example.com"]);
    }

    public async Task DisposeAsync() => await _cache.DisposeAsync();

    [Theory]
    [InlineData("from:arjun.ivanova@example.com", "INBOX:3 Archive:2")]
    [InlineData("from:ARJUN.IVANOVA@EXAMPLE.COM", "INBOX:3 Archive:2")]
    [InlineData("from:\"arjun.ivanova@example.com\"", "INBOX:3 Archive:2")]
    [InlineData("from:arjun.ivanova", "INBOX:3 Archive:2")]
    [InlineData("from:cloud.example", "INBOX:1 INBOX:2 Archive:1")]
    [InlineData("from:@cloud.example", "INBOX:1 INBOX:2 Archive:1")]
    [InlineData("from:sns.cloud.example", "INBOX:1")]
    [InlineData("from:arjun", "INBOX:3 INBOX:4 Archive:2")]
    [InlineData("from:\"Arjun Ivanova\"", "INBOX:3 INBOX:4 Archive:2")]
    [InlineData("list:github.com", "INBOX:6 INBOX:7")]
    [InlineData("list:northwind.github.com", "INBOX:6 INBOX:7")]
    [InlineData("list:infra.northwind.github.com", "INBOX:6")]
    [InlineData("list:weekly.weeklydev.example", "INBOX:8")]
    [InlineData("list:northwind", "INBOX:6 INBOX:7")]
    [InlineData("list:weekly", "INBOX:8")]
    [InlineData("budget -from:sarah", "INBOX:3 INBOX:4 INBOX:5 Archive:2")]
    [InlineData("budget -from:sarah -from:other.example", "INBOX:3 INBOX:5 Archive:2")]
    [InlineData("budget -(from:sarah OR plan)", "INBOX:3 INBOX:5 Archive:2")]
    [InlineData("-from:github.com -budget", "INBOX:1 INBOX:2 INBOX:8 Archive:1")]
    [InlineData("budget -is:read -from:cloud.example", "INBOX:3 INBOX:4 INBOX:5 INBOX:9 Archive:2")]
    [InlineData("from:sarah OR from:sns.cloud.example", "INBOX:1 INBOX:9")]
    [InlineData("(budget OR invoice) from:example.com", "INBOX:3 Archive:2")]
    public async Task Senders_lists_and_negations_find_exactly_their_messages(string query, string expected)
    {
        var result = await _queries.SearchAsync(query, new QueryOptions { Limit = 50 });

        Assert.Equal(expected.Split(' ').Order(StringComparer.Ordinal), result.Messages.Select(m => m.Key.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(result.Messages.Count, result.Total);
    }

    [Fact]
    public void Addresses_domains_and_lists_compile_to_index_lookups_and_negations_to_one_match()
    {
        var address = QueryCompiler.Compile(QueryParser.Parse("from:arjun.ivanova@example.com"), Now);
        Assert.Equal("m.from_addr = $q0", address.Where);
        Assert.Equal("arjun.ivanova@example.com", address.Parameters[0].Value);

        var domain = QueryCompiler.Compile(QueryParser.Parse("list:github.com"), Now);
        Assert.DoesNotContain("fts", domain.Where, StringComparison.Ordinal);
        Assert.Equal("com.github", domain.Parameters[0].Value);

        var negation = QueryCompiler.Compile(QueryParser.Parse("budget -from:sarah"), Now);
        Assert.Equal("m.id IN (SELECT rowid FROM fts WHERE fts MATCH $q0)", negation.Where);
        Assert.Equal("(\"budget\") NOT (sender : \"sarah\"*)", negation.Parameters[0].Value);
        Assert.Equal("((\"budget\") NOT (sender : \"sarah\"*))", negation.FullTextOnly);
        Assert.Null(QueryCompiler.Compile(QueryParser.Parse("budget is:unread"), Now).FullTextOnly);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Copies_stored_by_a_first_sync_without_indexes_are_marked_when_the_indexes_are_built(bool completed)
    {
        await using var cache = await TestCache.CreateAsync();
        var copy = new TestMessage(1, "billing@cloud.example", "Your invoice", Now.AddDays(-2)) { MessageId = "<b1@cloud>" };
        var other = new TestMessage(2, "billing@cloud.example", "Your receipt", Now.AddDays(-1)) { MessageId = "<b2@cloud>" };
        await using (var writer = await CacheWriter.OpenAsync(cache.Cache, default))
        {
            Assert.True(await writer.BeginBulkLoadAsync(default));
            var inbox = await writer.UpsertFolderAsync("INBOX", Mail.Configuration.FolderRole.Inbox, '/', default);
            var archive = await writer.UpsertFolderAsync("Archive", Mail.Configuration.FolderRole.Archive, '/', default);
            await writer.StoreHeadersAsync(inbox.Id, [copy.ToRecord(), other.ToRecord()], 3, null, default);
            await writer.StoreHeadersAsync(archive.Id, [copy.ToRecord()], 2, null, default);
            if (completed)
                await writer.EndBulkLoadAsync(default);
        }

        // A killed first sync leaves the indexes to the next writer, which marks the copies then.
        if (!completed)
            await (await CacheWriter.OpenAsync(cache.Cache, default)).DisposeAsync();

        var top = await new MailAnalytics(cache.Cache, ["me@example.com"]).GetTopSendersAsync(Now.AddMonths(-1), 5);
        Assert.Equal(2, Assert.Single(top).Messages);
    }

    [Fact]
    public async Task A_message_filed_in_two_folders_counts_once_until_its_first_copy_is_expunged()
    {
        var since = Now.AddMonths(-1);
        var top = await _analytics.GetTopSendersAsync(since, 20);
        Assert.Equal(1, top.Single(s => s.Address == "billing@cloud.example").Messages);
        Assert.Equal(1, top.Single(s => s.Address == "arjun.ivanova@example.com").Messages);
        Assert.Equal(9, (await _analytics.GetAutomationShareAsync(since)).Total);
        Assert.Equal(4, (await _queries.SearchAsync("invoice OR numbers")).Total);

        await using (var writer = await CacheWriter.OpenAsync(_cache.Cache, default))
        {
            var inbox = (await writer.GetFoldersAsync(default)).Single(f => f.Name == "INBOX");
            await writer.ApplyChangesAsync(inbox.Id, [], [2u, 3u], default);
        }

        // Full-text totals, counted on the FTS index alone, lose the expunged rows too.
        Assert.Equal(2, (await _queries.SearchAsync("invoice OR numbers")).Total);

        // The archived copies are now the only ones: they count, once each.
        top = await _analytics.GetTopSendersAsync(since, 20);
        Assert.Equal(1, top.Single(s => s.Address == "billing@cloud.example").Messages);
        Assert.Equal(1, top.Single(s => s.Address == "arjun.ivanova@example.com").Messages);
        Assert.Equal(9, (await _analytics.GetAutomationShareAsync(since)).Total);
    }
}
