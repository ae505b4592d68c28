using System.Text;
using ImapMcp.Mail.Query;
using Microsoft.Data.Sqlite;
using TestHarness.Mail;

namespace ImapMcp.Mail.Tests.Integration;

/// <summary>
/// The product stories with the generator's exact answers, over a synced cache: plaintext (<see cref="QueryStoryTests"/>)
/// and encrypted (<see cref="EncryptedQueryStoryTests"/>) give the same answers.
/// </summary>
public abstract class MailboxStories<TFixture>(TFixture fixture)
    where TFixture : GeneratedMailboxFixture
{
    private GeneratedMailbox Mailbox => fixture.Mailbox;

    private MailAccount Account => fixture.Account;

    private static MessageKey KeyOf(GeneratedMessage m) => new(m.Folder, m.Uid);

    private string Describe(MessageKey key)
    {
        var m = Mailbox.Folder(key.Folder).Messages[(int)key.Uid - 1];
        return $"{key} ({m.Shape}, {m.Malformation}, {m.Attachments.Count} attachments)";
    }

    [Fact]
    public async Task The_assistant_finds_the_IEEE_reviewer_panel_invitation_in_a_forgotten_subfolder_with_its_follow_ups()
    {
        var story = Mailbox.IeeeInvitation;

        var found = await Account.Queries.SearchAsync("from:ieee.org \"reviewer panel\"", new QueryOptions { Limit = 50 });

        Assert.Contains(found.Messages, m => m.Key == KeyOf(story.Invitation));
        Assert.All(found.Messages, m => Assert.Equal(story.Folder, m.Key.Folder));
        var thread = await Account.Queries.GetThreadAsync(KeyOf(story.Invitation));
        Assert.Equal(story.Thread.Select(KeyOf), thread!.Select(m => m.Key));
        Assert.All(thread!.Skip(1), m => Assert.False(m.IsRead));
    }

    [Fact]
    public async Task The_Q3_budget_thread_with_Sarah_runs_through_Sent_and_ends_with_her_proposal()
    {
        var story = Mailbox.BudgetThread;

        var thread = await Account.Queries.GetThreadAsync(KeyOf(story.LastMessage));

        Assert.Equal(story.Messages.Select(KeyOf), thread!.Select(m => m.Key));
        var last = await Account.Queries.GetMessageAsync(KeyOf(story.LastMessage));
        Assert.Contains(story.ProposedMeeting, last!.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreplied_mail_of_the_last_two_weeks_is_exactly_the_generators_unanswered_set()
    {
        var story = Mailbox.Unreplied;

        var unreplied = await Account.Queries.GetUnrepliedAsync(story.Since);
        Assert.Equal(
            story.Unanswered.Select(m => KeyOf(m).ToString()).Order(StringComparer.Ordinal).ToList(),
            unreplied.Select(m => m.Key.ToString()).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Automated_versus_human_matches_the_generator_and_every_verdict_names_its_rule()
    {
        var since = Mailbox.Now.AddYears(-10);

        var share = await Account.Analytics.GetAutomationShareAsync(since);

        var received = Mailbox.Messages.Where(m => !m.IsFromOwner && m.Folder is not ("Sent" or "Drafts")).ToList();
        Assert.Equal(received.Count(m => m.IsAutomated), share.Automated);
        Assert.Equal(received.Count(m => !m.IsAutomated), share.Human);
        Assert.All(share.ByRule, r => Assert.False(string.IsNullOrWhiteSpace(r.Rule)));
    }

    [Fact]
    public async Task Top_senders_and_never_opened_senders_match_the_generator()
    {
        var since = Mailbox.Now.AddYears(-10);
        var expected = Mailbox.CountsBySender().Where(kv => !Mailbox.IsOwnerAddress(kv.Key))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(10).ToList();

        var top = await Account.Analytics.GetTopSendersAsync(since, 10);
        var never = await Account.Analytics.GetNeverOpenedSendersAsync(since, minMessages: 1, limit: 1000);

        Assert.Equal(expected.Select(kv => (kv.Key, kv.Value)), top.Select(s => (s.Address, s.Messages)));
        Assert.Equal(Mailbox.SendersNeverOpened(), never.Select(s => s.Address));
    }

    [Fact]
    public async Task Six_month_statistics_match_the_generator_through_the_analytics_index_and_without_it()
    {
        var since = Mailbox.Now.AddMonths(-6);
        var window = Mailbox.Messages.Where(m => !m.IsFromOwner && m.Folder is not ("Sent" or "Drafts") && m.Date >= since).ToList();
        static string Address(GeneratedMessage m) => m.From.Address.ToLowerInvariant();
        static string Domain(GeneratedMessage m) => Address(m)[(Address(m).LastIndexOf('@') + 1)..];
        static List<(string, int)> Ranked(IEnumerable<IGrouping<string, GeneratedMessage>> groups, int take) =>
            groups.Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal).Take(take).ToList();
        static string Line(IEnumerable<(string Name, int Messages)> ranked, int automated, int human, int total, string what) =>
            $"{what}: {string.Join(", ", ranked.Select(x => $"{x.Name} {x.Messages}"))}; automated {automated}, human {human}, categorized {total}";
        var senders = window.GroupBy(Address, StringComparer.Ordinal).ToList();
        var never = Ranked(senders.Where(g => g.Count() >= 2 && g.All(m => (m.Flags & MailFlags.Seen) == 0)), 1000);
        Assert.True(never.Count > 0 && window.Any(m => m.IsAutomated) && window.Any(m => !m.IsAutomated), "the window holds too little to tell");
        var expected = string.Join('\n',
            Line(Ranked(senders, 10), 0, 0, 0, "top senders"),
            Line(Ranked(window.GroupBy(Domain, StringComparer.Ordinal), 10), 0, 0, 0, "top domains"),
            Line(never, window.Count(m => m.IsAutomated), window.Count(m => !m.IsAutomated), window.Count, "never opened"));

        async Task<string> StatisticsAsync()
        {
            var share = await Account.Analytics.GetAutomationShareAsync(since);
            return string.Join('\n',
                Line((await Account.Analytics.GetTopSendersAsync(since, 10)).Select(x => (x.Address, x.Messages)), 0, 0, 0, "top senders"),
                Line((await Account.Analytics.GetTopDomainsAsync(since, 10)).Select(x => (x.Domain, x.Messages)), 0, 0, 0, "top domains"),
                Line((await Account.Analytics.GetNeverOpenedSendersAsync(since, minMessages: 2, limit: 1000)).Select(x => (x.Address, x.Messages)),
                    share.Automated, share.Human, (await Account.Analytics.GetVolumeByCategoryAsync(since)).Sum(c => c.Messages), "never opened"));
        }

        void Execute(string sql)
        {
            using var connection = new SqliteConnection("Data Source=" + Account.Cache.Path);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        Assert.Equal(expected, await StatisticsAsync());
        // A first sync builds ix_messages_received only at its end: meanwhile the same answers come through the date index.
        Execute("DROP INDEX ix_messages_received;");
        try
        {
            Assert.Equal(expected, await StatisticsAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Execute(ImapMcp.Mail.Internal.CacheSchema.Indexes);
        }
    }

    [Fact]
    public async Task Search_counts_match_the_generator_for_flags_folders_and_attachments()
    {
        Assert.Equal(Mailbox.Messages.Count, (await Account.Queries.SearchAsync("")).Total);
        Assert.Equal(Mailbox.Messages.Count(m => (m.Flags & MailFlags.Seen) == 0), (await Account.Queries.SearchAsync("is:unread")).Total);
        Assert.Equal(Mailbox.Messages.Count(m => (m.Flags & MailFlags.Flagged) != 0), (await Account.Queries.SearchAsync("is:flagged")).Total);
        Assert.Equal(Mailbox.Folder("INBOX").Count, (await Account.Queries.SearchAsync("folder:INBOX")).Total);
        var att = await Account.Queries.SearchAsync("has:attachment", new QueryOptions { Limit = 1000 });
        var expected = Mailbox.Messages.Where(m => m.HasAttachments).Select(KeyOf).ToHashSet();
        var actual = att.Messages.Select(m => m.Key).ToHashSet();
        Assert.True(expected.SetEquals(actual), $"missing {string.Join(", ", expected.Except(actual).Take(5).Select(Describe))}; extra {string.Join(", ", actual.Except(expected).Take(5).Select(Describe))}");
        Assert.Equal(Mailbox.Messages.Count(m => m.HasAttachments), att.Total);
        Assert.Equal(Mailbox.Messages.Count(m => m.From.Address == "notifications@github.com"), (await Account.Queries.SearchAsync("from:notifications@github.com")).Total);
        var threeMonths = Mailbox.Now.AddMonths(-3);
        Assert.Equal(
            Mailbox.Messages.Count(m => m.ListId == "weekly.weeklydev.example" && m.Date < threeMonths),
            (await Account.Queries.SearchAsync("list:weekly.weeklydev.example older_than:3m")).Total);

        // A list word with a date bound is counted by looking up each match's date when the word is rare (a newsletter), and
        // by walking the date index when it is common (every GitHub list): both counts are the generator's.
        bool ListWord(GeneratedMessage m, string word) => m.ListId is { } id && id.Split('.', '-').Contains(word);
        foreach (var (word, period) in new[] { ("github", "older_than"), ("github", "newer_than"), ("weeklydev", "older_than"), ("weeklydev", "newer_than") })
        {
            var expectedCount = Mailbox.Messages.Count(m => ListWord(m, word) && (period == "older_than" ? m.Date < threeMonths : m.Date >= threeMonths));
            Assert.True(expectedCount > 0, $"{word} {period}");
            Assert.Equal((word, period, expectedCount), (word, period, (await Account.Queries.SearchAsync($"list:{word} {period}:3m")).Total));
        }

        // A dotted from: value is a sender domain with its subdomains, or the start of an address (lookup indexes, not full text).
        var sarah = Mailbox.BudgetThread.Sarah.Address.ToLowerInvariant();
        var company = sarah[(sarah.IndexOf('@', StringComparison.Ordinal) + 1)..];
        foreach (var value in new[] { company, sarah[..sarah.IndexOf('@', StringComparison.Ordinal)], "ieee.org", "github.com" })
        {
            var senders = Mailbox.Messages.Count(m =>
            {
                var address = m.From.Address.ToLowerInvariant();
                var domain = address[(address.IndexOf('@', StringComparison.Ordinal) + 1)..];
                return address.StartsWith(value, StringComparison.Ordinal) || domain == value || domain.EndsWith("." + value, StringComparison.Ordinal);
            });
            Assert.True(senders > 0, value);
            Assert.Equal((value, senders), (value, (await Account.Queries.SearchAsync("from:" + value)).Total));
        }
    }

    [Fact]
    public async Task Categories_by_volume_agree_with_the_generator()
    {
        var since = Mailbox.Now.AddYears(-10);
        var volume = (await Account.Analytics.GetVolumeByCategoryAsync(since)).ToDictionary(c => c.Category, c => c.Messages);
        var received = Mailbox.Messages.Where(m => !m.IsFromOwner && m.Folder is not ("Sent" or "Drafts")).ToList();
        int Generated(MailCategory c) => received.Count(m => m.Category == c);

        Assert.Equal(Generated(MailCategory.GitHub), volume["github"]);
        Assert.Equal(Generated(MailCategory.LinkedIn), volume["linkedin"]);
        Assert.Equal(Generated(MailCategory.Human), volume["human"]);
        Assert.Equal(Generated(MailCategory.Spam), volume["spam"]);
        foreach (var (category, name) in new[] { (MailCategory.Monitoring, "monitoring"), (MailCategory.Newsletter, "newsletter"), (MailCategory.Shopping, "shopping"), (MailCategory.Finance, "finance"), (MailCategory.Travel, "travel"), (MailCategory.Service, "service") })
        {
            // Heuristic categories: within 3 % of the mailbox of the generator's count.
            Assert.InRange(volume.GetValueOrDefault(name), Generated(category) - received.Count * 3 / 100, Generated(category) + received.Count * 3 / 100);
        }
    }

    [Fact]
    public async Task Malformed_messages_are_cached_with_what_could_be_read()
    {
        var malformed = Mailbox.Messages.Where(m => m.Malformation != Malformation.None).ToList();
        Assert.NotEmpty(malformed);

        foreach (var m in malformed)
        {
            var cached = await Account.Queries.GetMessageAsync(KeyOf(m));
            Assert.True(cached is not null, $"{m} ({m.Malformation}) is missing from the cache");
            if (m.Malformation == Malformation.BadDate)
                Assert.Equal(m.Date.ToUnixTimeSeconds(), cached.Summary.Date.ToUnixTimeSeconds());
        }
    }

    [Fact]
    public async Task Account_status_tells_how_much_is_cached_and_how_fresh_it_is()
    {
        var status = await Account.GetStatusAsync();

        Assert.Equal("alex", status.Account);
        Assert.False(status.Syncing);
        Assert.Equal(Mailbox.Messages.Count, status.Cache.Messages);
        Assert.NotNull(status.Cache.LastSynced);
        Assert.True(status.Cache.BytesOnDisk > 0);
    }

    [Fact]
    public async Task A_large_result_pages_newest_first_like_the_generator_orders_it()
    {
        var newest = Mailbox.Messages.OrderByDescending(m => m.Date).ThenByDescending(m => m.Index).Take(45).Select(m => m.Date.ToUnixTimeSeconds()).ToList();

        var first = await Account.Queries.SearchAsync("", new QueryOptions { Limit = 20 });
        var next = await Account.Queries.SearchAsync("", new QueryOptions { Limit = 25, Offset = 20 });

        Assert.Equal(Mailbox.Messages.Count, first.Total);
        Assert.Equal(newest, first.Messages.Concat(next.Messages).Select(m => m.Date.ToUnixTimeSeconds()).ToList());
    }

    [Fact]
    public async Task The_cache_files_show_subjects_addresses_bodies_and_sender_domains_only_when_the_cache_is_not_encrypted()
    {
        var planted = new List<string>
        {
            Mailbox.IeeeInvitation.Invitation.Subject,
            Mailbox.BudgetThread.Sarah.Address,
            Mailbox.BudgetThread.ProposedMeeting,
        };
        planted.AddRange(Mailbox.Messages.Select(m => m.From.Address[(m.From.Address.LastIndexOf('@') + 1)..]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        Assert.True(planted.Count > 20, $"only {planted.Count} strings to look for");

        var before = FoundInCacheFiles(planted);
        using (var connection = new SqliteConnection("Data Source=" + Account.Cache.Path))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }

        var after = FoundInCacheFiles(planted);
        if (fixture.Encrypt)
        {
            Assert.Empty(before);
            Assert.Empty(after);
        }
        else
        {
            Assert.Equal(planted, before); // the search works: a plaintext cache shows every one of them
            Assert.Equal(planted, after);
        }
    }

    private List<string> FoundInCacheFiles(IEnumerable<string> strings)
    {
        var files = new[] { "", "-wal", "-shm" }.Select(s => Account.Cache.Path + s).Where(File.Exists).Select(File.ReadAllBytes).ToList();
        Assert.NotEmpty(files);
        return strings.Where(s => files.Any(f => f.AsSpan().IndexOf(Encoding.UTF8.GetBytes(s)) >= 0)).ToList();
    }
}
