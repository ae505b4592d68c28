using ImapMcp.Mail.Query;
using ImapMcp.Mail.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ImapMcp.Mail.Tests.Query;

/// <summary>
/// The product stories against a small hand-made cache with known answers; run over a plaintext cache
/// (<see cref="QueryStoriesTests"/>) and an encrypted one (<see cref="Encryption.EncryptedQueryStoriesTests"/>).
/// </summary>
public abstract class QueryStories(bool encrypted) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private TestCache _cache = null!;
    private MailQueries _queries = null!;
    private MailAnalytics _analytics = null!;

    public async Task InitializeAsync()
    {
        _cache = await TestCache.CreateAsync(encrypted);
        var gh = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-GitHub-Reason"] = "mention", ["List-Id"] = "<repo.github.com>" };
        var news = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["List-Unsubscribe"] = "<mailto:u@news.example>" };
        await _cache.AddAsync("INBOX",
            new TestMessage(1, "notifications@github.com", "[repo] Fix the build (#12)", Now.AddDays(-1)) { Headers = gh, Flags = 1 },
            new TestMessage(2, "notifications@github.com", "[repo] Add tests (#13)", Now.AddDays(-2)) { Headers = gh },
            new TestMessage(3, "notifications@github.com", "[repo] Release 1.0", Now.AddDays(-3)) { Headers = gh },
            new TestMessage(4, "digest@news.example", "Weekly digest", Now.AddMonths(-4)) { Headers = news },
            new TestMessage(5, "digest@news.example", "Weekly digest", Now.AddMonths(-5)) { Headers = news },
            new TestMessage(6, "sarah@client.example", "Q3 budget review", Now.AddDays(-5))
            {
                FromName = "Sarah Connor", MessageId = "<q3@client.example>", Flags = 1, Body = "Could we meet Thursday at 2pm?",
            },
            new TestMessage(7, "sarah@client.example", "Re: Q3 budget review", Now.AddDays(-3))
            {
                FromName = "Sarah Connor", MessageId = "<q3-2@client.example>", InReplyTo = "<me-1@example.com>",
                References = ["<q3@client.example>", "<me-1@example.com>"], Body = "Thursday works. See you.",
            },
            new TestMessage(8, "bob@colleague.example", "Feedback on my draft?", Now.AddDays(-4))
            {
                MessageId = "<bob-1@colleague.example>", Body = "Could you have a look at the attached draft?",
                Attachments = [new AttachmentInfo("draft.pdf", "application/pdf", 12345, "2")],
            },
            new TestMessage(9, "carol@friend.example", "Lunch", Now.AddDays(-30)) { MessageId = "<carol-1@friend.example>" },
            new TestMessage(10, "dave@old.example", "Café in Zürich", Now.AddDays(-6)) { MessageId = "<dave-1@old.example>", Body = "Let's meet at the café." });
        await _cache.AddAsync("INBOX/Conferences",
            new TestMessage(1, "chair@ieee.org", "Invitation: reviewer panel for ICSE", Now.AddMonths(-2))
            {
                FromName = "IEEE Program Chair", MessageId = "<ieee-1@ieee.org>", Body = "We would like to invite you to join the reviewer panel.",
            },
            new TestMessage(2, "chair@ieee.org", "Re: Invitation: reviewer panel for ICSE", Now.AddMonths(-2).AddDays(7))
            {
                FromName = "IEEE Program Chair", MessageId = "<ieee-2@ieee.org>", InReplyTo = "<ieee-1@ieee.org>", References = ["<ieee-1@ieee.org>"],
                Body = "A gentle reminder about the reviewer panel.",
            });
        await _cache.AddAsync("Sent",
            new TestMessage(1, "me@example.com", "Re: Q3 budget review", Now.AddDays(-4))
            {
                To = "sarah@client.example", MessageId = "<me-1@example.com>", InReplyTo = "<q3@client.example>", References = ["<q3@client.example>"], Flags = 1,
            },
            new TestMessage(2, "me@example.com", "Re: Lunch", Now.AddDays(-29)) { To = "carol@friend.example", Flags = 1 });
        _queries = new MailQueries(_cache.Cache, ["Me@Example.com"], _time);
        _analytics = new MailAnalytics(_cache.Cache, ["me@example.com"]);
    }

    public async Task DisposeAsync() => await _cache.DisposeAsync();

    /// <summary>The cache under test.</summary>
    internal TestCache Cache => _cache;

    [Fact]
    public async Task The_assistant_finds_the_IEEE_invitation_in_a_forgotten_subfolder()
    {
        var result = await _queries.SearchAsync("from:ieee \"reviewer panel\" invitation");

        Assert.Equal(2, result.Total);
        Assert.All(result.Messages, m => Assert.Equal("INBOX/Conferences", m.Key.Folder));

        var thread = await _queries.GetThreadAsync(result.Messages[^1].Key);
        Assert.Equal(["<ieee-1@ieee.org>", "<ieee-2@ieee.org>"], thread!.Select(m => m.MessageId));
    }

    [Fact]
    public async Task Search_filters_by_field_flag_date_and_negation_with_exact_totals()
    {
        Assert.Equal(3, (await _queries.SearchAsync("from:github.com")).Total);
        Assert.Equal(2, (await _queries.SearchAsync("from:github.com is:unread")).Total);
        Assert.Equal(2, (await _queries.SearchAsync("is:automated older_than:3m")).Total);
        Assert.Equal(1, (await _queries.SearchAsync("has:attachment")).Total);
        Assert.Equal(2, (await _queries.SearchAsync("folder:Conferences")).Total);
        Assert.Equal(2, (await _queries.SearchAsync("folder:sent")).Total);
        Assert.Equal(1, (await _queries.SearchAsync("cafe zurich")).Total); // diacritics folded
        Assert.Equal(2, (await _queries.SearchAsync("from:bob OR from:carol")).Total);
        Assert.Equal(3, (await _queries.SearchAsync("list:github -subject:nothing")).Total);
        Assert.Equal(1, (await _queries.SearchAsync("from:sarah -Re")).Total);
        Assert.Equal(3, (await _queries.SearchAsync("after:2026-11-01 before:2026-11-22 is:human folder:INBOX")).Total);
        Assert.Equal(4, (await _queries.SearchAsync("to:me@example.com is:human newer_than:2w")).Total);
    }

    [Fact]
    public async Task Search_pages_in_order_and_keeps_the_exact_total()
    {
        var first = await _queries.SearchAsync("", new QueryOptions { Limit = 5 });
        var second = await _queries.SearchAsync("", new QueryOptions { Limit = 5, Offset = 5 });
        var rest = await _queries.SearchAsync("", new QueryOptions { Limit = 5, Offset = 10 });

        Assert.Equal(14, first.Total);
        var all = first.Messages.Concat(second.Messages).Concat(rest.Messages).ToList();
        Assert.Equal(14, all.Select(m => m.Key).Distinct().Count());
        Assert.Equal(all.OrderByDescending(m => m.Date).Select(m => m.Key), all.Select(m => m.Key));

        var oldest = await _queries.SearchAsync("", new QueryOptions { Limit = 1, Sort = SearchSort.Oldest });
        Assert.Equal("Weekly digest", oldest.Messages[0].Subject);
        var relevant = await _queries.SearchAsync("reviewer panel", new QueryOptions { Sort = SearchSort.Relevance });
        Assert.Equal(2, relevant.Total);
    }

    [Fact]
    public async Task A_malformed_search_changes_nothing_and_says_where()
    {
        var e = await Assert.ThrowsAsync<QueryParseException>(() => _queries.SearchAsync("from:ieee is:importnt"));
        Assert.Equal(13, e.Position);
    }

    [Fact]
    public async Task A_message_shows_headers_body_and_attachments()
    {
        var bob = (await _queries.SearchAsync("from:bob")).Messages.Single();
        var details = await _queries.GetMessageAsync(bob.Key);

        Assert.NotNull(details);
        Assert.Equal("Could you have a look at the attached draft?", details.Body);
        Assert.Equal("draft.pdf", Assert.Single(details.Attachments).FileName);
        Assert.False(details.Summary.Automated);
        Assert.Null(await _queries.GetMessageAsync(new MessageKey("INBOX", 999)));
    }

    [Fact]
    public async Task The_Q3_thread_spans_inbox_and_sent()
    {
        var thread = await _queries.GetThreadAsync(new MessageKey("INBOX", 6));

        Assert.Equal(["INBOX:6", "Sent:1", "INBOX:7"], thread!.Select(m => m.Key.ToString()));
    }

    [Fact]
    public async Task A_reply_without_threading_headers_joins_by_subject()
    {
        var thread = await _queries.GetThreadAsync(new MessageKey("INBOX", 9));

        Assert.Equal(["INBOX:9", "Sent:2"], thread!.Select(m => m.Key.ToString()));
    }

    [Fact]
    public async Task Unreplied_over_two_weeks_lists_humans_waiting_for_me()
    {
        var unreplied = await _queries.GetUnrepliedAsync(MailPeriod.Parse("2w").Before(_time.GetUtcNow()));

        // Sarah's follow-up came after my reply; Bob and Dave never got one; Carol is outside the window; GitHub is automated.
        Assert.Equal(["INBOX:7", "INBOX:8", "INBOX:10"], unreplied.Select(m => m.Key.ToString()));
    }

    [Fact]
    public async Task Analytics_rank_senders_share_automation_and_find_never_opened()
    {
        var since = MailPeriod.Parse("6m").Before(_time.GetUtcNow());
        var top = await _analytics.GetTopSendersAsync(since, 3);
        Assert.Equal(["notifications@github.com", "chair@ieee.org", "digest@news.example"], top.Select(s => s.Address));
        Assert.True(top[0].Automated);
        Assert.StartsWith("header List-Id", top[0].Rule, StringComparison.Ordinal);
        Assert.Equal("github", top[0].Category);

        var share = await _analytics.GetAutomationShareAsync(since);
        Assert.Equal(12, share.Total);
        Assert.Equal(5, share.Automated);
        Assert.Equal(7, share.Human);

        var never = await _analytics.GetNeverOpenedSendersAsync(since, minMessages: 2);
        Assert.Equal(["chair@ieee.org", "digest@news.example"], never.Select(s => s.Address));

        var domains = await _analytics.GetTopDomainsAsync(since, 1);
        Assert.Equal(new DomainVolume("github.com", 3, 1, 2, 3), domains[0]);

        var categories = await _analytics.GetVolumeByCategoryAsync(since);
        Assert.Equal(("human", 7), (categories[0].Category, categories[0].Messages));
        var months = await _analytics.GetVolumeByMonthAsync(since);
        Assert.Equal(12, months.Sum(m => m.Messages));
    }

    [Fact]
    public async Task Folders_list_roles_and_counts()
    {
        var folders = await _queries.GetFoldersAsync();
        Assert.Equal(["INBOX", "INBOX/Conferences", "Sent"], folders.Select(f => f.Name));
        Assert.Equal(Mail.Configuration.FolderRole.Sent, folders[2].Role);
        Assert.Equal(10, folders[0].Messages);
        Assert.Equal(8, folders[0].Unread);
    }

    [Fact]
    public async Task Sender_domains_list_ids_and_address_starts_are_found_with_their_subdomains_and_nothing_else()
    {
        var ci = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["List-Id"] = "CI <ci.cloud.example>" };
        var builds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["List-Id"] = "<builds.ci.cloud.example>" };
        await _cache.AddAsync("Lookups",
            new TestMessage(1, "alerts@sns.cloud.example", "Alarm", Now.AddDays(-1)),
            new TestMessage(2, "ops@cloud.example", "Maintenance", Now.AddDays(-2)),
            new TestMessage(3, "ops@notcloud.example", "Not the cloud", Now.AddDays(-3)),
            new TestMessage(4, "cloud.example.team@other.example", "Starts like the domain", Now.AddDays(-4)),
            new TestMessage(5, "arjun.ivanova@corp.example", "From Arjun", Now.AddDays(-5)) { FromName = "Arjun Ivanova" },
            new TestMessage(6, "ai@elsewhere.example", "Same name, other address", Now.AddDays(-6)) { FromName = "Arjun Ivanova" },
            new TestMessage(7, "bot@lists.other.example", "CI news", Now.AddDays(-7)) { Headers = ci },
            new TestMessage(8, "bot@lists.other.example", "Build failed", Now.AddDays(-8)) { Headers = builds });

        async Task<string> Uids(string query) =>
            string.Join(' ', (await _queries.SearchAsync(query + " folder:Lookups")).Messages.Select(m => m.Key.Uid).Order());

        Assert.Equal("1 2 4", await Uids("from:cloud.example"));
        Assert.Equal("1 2", await Uids("from:@cloud.example"));
        Assert.Equal("1", await Uids("from:sns.cloud.example"));
        Assert.Equal("3", await Uids("from:notcloud.example"));
        Assert.Equal("5", await Uids("from:arjun.ivanova"));
        Assert.Equal("5 6", await Uids("from:arjun"));
        Assert.Equal("7 8", await Uids("list:cloud.example"));
        Assert.Equal("7 8", await Uids("list:ci.cloud.example"));
        Assert.Equal("8", await Uids("list:builds.ci.cloud.example"));
        Assert.Equal("1 2 4 7 8", await Uids("(from:cloud.example OR list:ci.cloud.example)"));
        Assert.Equal("3 5 6 7 8", await Uids("-from:cloud.example"));
        Assert.Equal("6", await Uids("from:arjun -from:arjun.ivanova"));
    }
}
