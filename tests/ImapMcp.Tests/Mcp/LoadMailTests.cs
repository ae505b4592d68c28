using System.Globalization;
using System.Text.Json;
using ModelContextProtocol;
using TestHarness.Mail;
using static ImapMcp.Tests.Mcp.McpServerFixture;

namespace ImapMcp.Tests.Mcp;

/// <summary>
/// "Load older mail": an account that syncs only the last month ("headers": "1m"), then load_mail for an older range
/// caches exactly the generator's messages of that range, and the IEEE invitation (about four months old) becomes findable.
/// </summary>
[Collection(HeaderWindowServerCollection.Name)]
public sealed class LoadMailTests(HeaderWindowServer fixture)
{
    [Fact]
    public async Task Loading_an_older_range_adds_exactly_its_messages_and_search_then_finds_the_lost_invitation()
    {
        var mailbox = fixture.Mailbox;
        var from = Day(mailbox.Now.AddMonths(-6));
        var to = Day(mailbox.Now.AddMonths(-2));
        var inRange = mailbox.Messages.Where(m => m.Date >= from && m.Date < to).ToList();
        var ieee = mailbox.IeeeInvitation.Invitation;
        Assert.InRange(ieee.Date, from, to);
        Assert.InRange(inRange.Count, 20, 1_000);
        var lostBefore = Structured(await fixture.CallAsync("search", new() { ["query"] = "from:ieee.org reviewer panel" }));
        var updates = new List<ProgressNotificationValue>();
        var progress = new Progress<ProgressNotificationValue>(v =>
        {
            lock (updates)
                updates.Add(v);
        });

        var call = await fixture.Client.CallToolAsync("load_mail", new Dictionary<string, object?> { ["after"] = Date(from), ["before"] = Date(to) }, progress);

        var result = Structured(call);
        Assert.Equal(0, lostBefore.GetProperty("total").GetInt32());
        Assert.Equal(inRange.Count, result.GetProperty("sync").GetProperty("newMessages").GetInt64());
        Assert.Equal(inRange.Count, result.GetProperty("messagesInRange").GetInt32());
        Assert.Equal(0, result.GetProperty("messagesWithoutBody").GetInt32());
        Assert.Equal(fixture.FirstSyncMessages + inRange.Count, Structured(await fixture.CallAsync("account_status")).GetProperty("cachedMessages").GetInt64());
        var inbox = result.GetProperty("folders").EnumerateArray().Single(f => f.GetProperty("folder").GetString() == "INBOX");
        Assert.Equal([(from, (DateTimeOffset?)to), (fixture.WindowStart, null)], Spans(inbox));
        Assert.Contains($"INBOX: {Date(from)} to {Date(to)} (exclusive), {Date(fixture.WindowStart)} to now", Text(call), StringComparison.Ordinal);

        var found = Structured(await fixture.CallAsync("search", new() { ["query"] = "from:ieee.org reviewer panel" }));
        Assert.Contains(found.GetProperty("messages").EnumerateArray(), m => m.GetProperty("key").GetString() == KeyOf(ieee));
        await WaitUntilAsync(() =>
        {
            lock (updates)
                return updates.Count > 0;
        });

        // Asking again for the same days fetches nothing.
        var again = Structured(await fixture.CallAsync("load_mail", new() { ["after"] = Date(from), ["before"] = Date(to) }));
        Assert.Equal(0, again.GetProperty("sync").GetProperty("newMessages").GetInt64());
    }

    [Fact]
    public async Task A_range_that_ends_before_it_starts_or_lies_in_the_future_is_refused_and_loads_nothing()
    {
        var cached = Structured(await fixture.CallAsync("account_status")).GetProperty("cachedMessages").GetInt64();

        var reversed = await fixture.CallAsync("load_mail", new() { ["after"] = "2m", ["before"] = "6m" });
        var future = await fixture.CallAsync("load_mail", new() { ["after"] = Date(fixture.Mailbox.Now.AddDays(3)) });
        var garbage = await fixture.CallAsync("load_mail", new() { ["after"] = "last spring" });

        Assert.All(new[] { reversed, future, garbage }, r => Assert.True(r.IsError));
        Assert.Contains("must be later than after", Text(reversed), StringComparison.Ordinal);
        Assert.Contains("is in the future", Text(future), StringComparison.Ordinal);
        Assert.Contains("such as 2w, 6m or 1y", Text(garbage), StringComparison.Ordinal);
        Assert.Equal(cached, Structured(await fixture.CallAsync("account_status")).GetProperty("cachedMessages").GetInt64());
    }

    private static DateTimeOffset Day(DateTimeOffset t) => new(t.UtcDateTime.Date, TimeSpan.Zero);

    private static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<(DateTimeOffset? Since, DateTimeOffset? Before)> Spans(JsonElement folder) =>
        folder.GetProperty("complete").EnumerateArray()
            .Select(r => (Time(r.GetProperty("since")), Time(r.GetProperty("before"))))
            .ToList();

    private static DateTimeOffset? Time(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDateTimeOffset();
}

/// <summary>A small generated mailbox served with "headers": "1m": the first sync caches the last month only.</summary>
public sealed class HeaderWindowServer() : McpServerFixture(1_500, 29)
{
    /// <summary>The first day of the header window (whole UTC days, as the engine rounds it).</summary>
    public DateTimeOffset WindowStart => new(Mailbox.Now.AddMonths(-1).UtcDateTime.Date, TimeSpan.Zero);

    public override long FirstSyncMessages => Mailbox.Messages.Count(m => m.Date >= WindowStart);

    protected override string? HeaderWindow => "1m";
}

[CollectionDefinition(Name)]
public sealed class HeaderWindowServerCollection : ICollectionFixture<HeaderWindowServer>
{
    public const string Name = "imap-mcp server over stdio with a one-month header window";
}
