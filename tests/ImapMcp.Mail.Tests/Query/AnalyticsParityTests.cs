using System.Text;
using ImapMcp.Mail.Internal;
using ImapMcp.Mail.Query;
using ImapMcp.Mail.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Tests.Query;

/// <summary>
/// Every sender statistic over the same mail in a plaintext and an encrypted cache: the same answers, ties included
/// (counts tied across the limit, addresses and domains whose UTF-8 and UTF-16 orders differ), with and without
/// ix_messages_received.
/// </summary>
public sealed class AnalyticsParityTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    // U+FF41 (fullwidth a) sorts before U+1D41A (mathematical bold a) in UTF-8 and code points, after it in UTF-16.
    private const string Fullwidth = "\uFF41";
    private const string Bold = "\U0001D41A";

    private readonly List<(string Folder, TestMessage Message)> _mail = [];
    private TestCache _plain = null!;
    private TestCache _encrypted = null!;

    public async Task InitializeAsync()
    {
        var random = new Random(11);
        var uids = new Dictionary<string, uint>();
        void Add(string folder, string from, DateTimeOffset date, int flags, Dictionary<string, string>? headers = null, string? messageId = null)
        {
            var uid = uids[folder] = uids.GetValueOrDefault(folder) + 1;
            _mail.Add((folder, new TestMessage(uid, from, $"Message {uid} from {from}", date)
            {
                Flags = flags, Headers = headers ?? new(StringComparer.OrdinalIgnoreCase), MessageId = messageId ?? $"<{folder}-{uid}@parity.example>",
                FromName = from.StartsWith('n') ? null : "Name of " + from,
            }));
        }

        Dictionary<string, string> Headers(int kind) => kind switch
        {
            0 => new(StringComparer.OrdinalIgnoreCase),
            1 => new(StringComparer.OrdinalIgnoreCase) { ["List-Unsubscribe"] = "<mailto:u@list.example>" },
            2 => new(StringComparer.OrdinalIgnoreCase) { ["X-GitHub-Reason"] = "mention", ["List-Id"] = "<repo.github.com>" },
            _ => new(StringComparer.OrdinalIgnoreCase) { ["Precedence"] = "bulk" },
        };

        // Seventy senders in twelve domains with overlapping counts (many ties), random read state and kinds.
        for (var s = 0; s < 70; s++)
        {
            var from = (s % 5 == 0 ? "noreply" : "sender") + s + "@d" + (s % 12) + ".example";
            var kind = s % 4;
            var count = 1 + s % 7;
            var read = s % 3 == 0 ? 0 : 1;
            for (var i = 0; i < count; i++)
                Add(s % 6 == 0 ? "Archive" : "INBOX", from, Now.AddHours(-random.Next(1, 24 * 300)), read == 1 && random.Next(2) == 0 ? 1 : 0, Headers(kind));
        }

        // Ties on count between values whose order differs by encoding: senders, and domains (four messages each).
        foreach (var from in new[] { Bold + "@tie.example", Fullwidth + "@tie.example", "z@" + Bold + ".example", "y@" + Fullwidth + ".example" })
        {
            for (var i = 0; i < 4; i++)
                Add("INBOX", from, Now.AddDays(-1 - i), 0);
        }

        // A message filed twice counts once; the owner's own and Sent mail not at all.
        Add("INBOX", "copied@d1.example", Now.AddDays(-2), 0, messageId: "<copied@parity.example>");
        Add("Archive", "copied@d1.example", Now.AddDays(-2), 0, messageId: "<copied@parity.example>");
        Add("INBOX", "me@example.com", Now.AddDays(-3), 1);
        Add("Sent", "me@example.com", Now.AddDays(-3), 1);

        _plain = await TestCache.CreateAsync(encrypted: false);
        _encrypted = await TestCache.CreateAsync(encrypted: true);
        foreach (var cache in new[] { _plain, _encrypted })
        {
            foreach (var folder in _mail.GroupBy(x => x.Folder))
                await cache.AddAsync(folder.Key, folder.Select(x => x.Message).ToArray());
        }
    }

    public async Task DisposeAsync()
    {
        await _plain.DisposeAsync();
        await _encrypted.DisposeAsync();
    }

    [Fact]
    public async Task Every_statistic_is_the_same_in_a_plaintext_and_an_encrypted_cache()
    {
        var plain = await StatisticsAsync(_plain);
        Assert.Equal(plain, await StatisticsAsync(_encrypted));
        Assert.Contains("sender ", plain, StringComparison.Ordinal);
        Assert.Contains("rule ", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_analytics_index_both_caches_still_give_the_same_statistics()
    {
        var expected = await StatisticsAsync(_plain);
        foreach (var cache in new[] { _plain, _encrypted })
            Execute(cache, "DROP INDEX ix_messages_received;");

        Assert.Equal(expected, await StatisticsAsync(_plain));
        Assert.Equal(expected, await StatisticsAsync(_encrypted));
    }

    [Fact]
    public async Task Ties_on_count_across_the_limit_are_settled_by_the_value_in_UTF8_order_in_both_caches()
    {
        var since = Now.AddYears(-1);
        var received = _mail.Where(x => x.Folder != "Sent" && x.Message.From != "me@example.com")
            .DistinctBy(x => x.Message.MessageId).Select(x => x.Message.From.ToLowerInvariant()).ToList();
        var bytes = Comparer<string>.Create((a, b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)));
        int[] limits = [.. Enumerable.Range(1, 16), 20, 33, 70];
        static bool CutsATie(List<(string Name, int Count)> ranked, int limit) => limit < ranked.Count && ranked[limit - 1].Count == ranked[limit].Count;
        var senders = received.GroupBy(a => a).Select(g => (Name: g.Key, Count: g.Count())).OrderByDescending(x => x.Count).ThenBy(x => x.Name, bytes).ToList();
        var domains = received.GroupBy(a => a[(a.LastIndexOf('@') + 1)..]).Select(g => (Name: g.Key, Count: g.Count())).OrderByDescending(x => x.Count).ThenBy(x => x.Name, bytes).ToList();

        // Some limits cut through a run of equal counts (checked, so the test keeps testing what it says).
        Assert.Contains(limits, l => CutsATie(senders, l));
        Assert.Contains(limits, l => CutsATie(domains, l));
        foreach (var cache in new[] { _plain, _encrypted })
        {
            var analytics = new MailAnalytics(cache.Cache, ["me@example.com"]);
            foreach (var limit in limits)
            {
                Assert.Equal(senders.Take(limit), (await analytics.GetTopSendersAsync(since, limit)).Select(x => (x.Address, x.Messages)));
                Assert.Equal(domains.Take(limit), (await analytics.GetTopDomainsAsync(since, limit)).Select(x => (x.Domain, x.Messages)));
            }

            var top = (await analytics.GetTopSendersAsync(since, 200)).Select(x => x.Address).ToList();
            Assert.True(top.IndexOf(Fullwidth + "@tie.example") < top.IndexOf(Bold + "@tie.example"));
            var byDomain = (await analytics.GetTopDomainsAsync(since, 200)).Select(x => x.Domain).ToList();
            Assert.True(byDomain.IndexOf(Fullwidth + ".example") < byDomain.IndexOf(Bold + ".example"));
        }
    }

    [Fact]
    public void Utf8Order_sorts_like_SQLite_BINARY()
    {
        string[] values = ["b", "a", "", "ab", Bold, Fullwidth, "\u00e9", "\uffff", "\U0010FFFF", "\ud7ff", "Z", "a" + Bold, "a" + Fullwidth];
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t(v TEXT);";
        command.ExecuteNonQuery();
        foreach (var v in values)
        {
            command.CommandText = "INSERT INTO t VALUES ($v);";
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$v", v);
            command.ExecuteNonQuery();
        }

        command.CommandText = "SELECT v FROM t ORDER BY v;";
        var sqlite = new List<string>();
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
                sqlite.Add(r.GetString(0));
        }

        Assert.Equal(sqlite, values.Order(Utf8Order.Instance));
        Assert.NotEqual(sqlite, values.Order(StringComparer.Ordinal)); // the case the order exists for
    }

    /// <summary>Every statistic over windows of 1, 6 and 120 months before <paramref name="now"/> at several limits, one line per row.</summary>
    internal static async Task<string> StatisticsAsync(MailAnalytics analytics, DateTimeOffset now)
    {
        var lines = new List<string>();
        foreach (var months in new[] { 1, 6, 120 })
        {
            var since = now.AddMonths(-months);
            lines.Add($"-- {months} months");
            foreach (var limit in new[] { 1, 3, 7, 10, 100 })
            {
                lines.AddRange((await analytics.GetTopSendersAsync(since, limit)).Select(x => $"top {limit} sender {x}"));
                lines.AddRange((await analytics.GetTopDomainsAsync(since, limit)).Select(x => $"top {limit} domain {x}"));
                foreach (var min in new[] { 1, 2, 3 })
                    lines.AddRange((await analytics.GetNeverOpenedSendersAsync(since, min, limit)).Select(x => $"never {min} {limit} sender {x}"));
            }

            var share = await analytics.GetAutomationShareAsync(since);
            lines.Add($"share {share.Total} {share.Automated} {share.Human}");
            lines.AddRange(share.ByRule.Select(x => $"rule {x}"));
            lines.AddRange((await analytics.GetVolumeByCategoryAsync(since)).Select(x => $"category {x}"));
            lines.AddRange((await analytics.GetVolumeByMonthAsync(since)).Select(x => $"month {x}"));
        }

        return string.Join('\n', lines);
    }

    private static Task<string> StatisticsAsync(TestCache cache) => StatisticsAsync(new MailAnalytics(cache.Cache, ["me@example.com"]), Now);

    private static void Execute(TestCache cache, string sql)
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection("Data Source=" + cache.Path);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
