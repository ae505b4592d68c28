using System.Globalization;
using System.Text.Json;
using TestHarness.Mail;

namespace ImapMcp.Tests.Cli;

/// <summary>
/// "Load older mail" from the command line: an account that syncs only the last month ("headers": "1m"), then
/// <c>imap-mcp sync --since --before</c> caches exactly the generator's messages of that range, against a real Dovecot.
/// </summary>
public sealed class CliSyncRangeTests() : CliDovecotSession(new MailboxSpec { Count = 1_500, Seed = 29, Now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()) }, "1m")
{
    private DateTimeOffset Now => Mailbox.Now;

    private DateTimeOffset WindowStart => Day(Now.AddMonths(-1));

    [Fact]
    public async Task Sync_since_before_loads_exactly_the_range_and_search_then_finds_the_older_invitation()
    {
        Assert.Equal(0, (await RunAsync("set-password", "--stdin")).Code);
        var from = Day(Now.AddMonths(-6));
        var to = Day(Now.AddMonths(-2));
        var inRange = Mailbox.Messages.Count(m => m.Date >= from && m.Date < to);
        var ieee = Mailbox.IeeeInvitation.Invitation;
        Assert.InRange(ieee.Date, from, to);
        Assert.InRange(inRange, 20, 1_000);

        var first = await RunAsync("sync");
        Assert.Contains($"{Mailbox.Messages.Count(m => m.Date >= WindowStart)} new", first.Out, StringComparison.Ordinal);
        Assert.DoesNotContain($"{ieee.Folder}:{ieee.Uid}", (await RunAsync("search", "from:ieee.org reviewer panel")).Out, StringComparison.Ordinal);

        var load = await RunAsync("sync", "--since", Date(from), "--before", Date(to));

        Assert.Equal(0, load.Code);
        Assert.Contains($"{inRange} new", load.Out, StringComparison.Ordinal);
        Assert.Contains($"{inRange} messages are cached from {Date(from)} to {Date(to)} (exclusive)", load.Out, StringComparison.Ordinal);
        Assert.Contains("headers [", load.Error, StringComparison.Ordinal);
        Assert.Contains($"{ieee.Folder}:{ieee.Uid}", (await RunAsync("search", "from:ieee.org reviewer panel")).Out, StringComparison.Ordinal);

        // The same days again, as a period back from now that starts inside them: nothing new is fetched.
        var again = await RunAsync("sync", "--since", "5m", "--before", Date(to), "--json");
        Assert.Equal(0, again.Code);
        Assert.Equal(0, JsonDocument.Parse(again.Out).RootElement.GetProperty("newMessages").GetInt64());
    }

    [Fact]
    public async Task Reversed_future_and_unreadable_ranges_are_refused_before_anything_is_touched()
    {
        var reversed = await RunAsync("sync", "--since", "2m", "--before", "6m");
        var future = await RunAsync("sync", "--since", Date(Now.AddDays(3)));
        var futureEnd = await RunAsync("sync", "--since", "1y", "--before", Date(Now.AddMonths(2)));
        var garbage = await RunAsync("sync", "--since", "last spring");
        var endOnly = await RunAsync("sync", "--before", "2024-01-01");

        Assert.All(new[] { reversed, future, futureEnd, garbage, endOnly }, r => Assert.Equal(2, r.Code));
        Assert.Contains("must be later than --since", reversed.Error, StringComparison.Ordinal);
        Assert.Contains("in the future: there is nothing to load", future.Error, StringComparison.Ordinal);
        Assert.Contains("leave --before out to load up to now", futureEnd.Error, StringComparison.Ordinal);
        Assert.Contains("--since takes a date such as 2024-03-01", garbage.Error, StringComparison.Ordinal);
        Assert.Contains("--before needs --since", endOnly.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Directory, "alex.db")));
    }

    private static DateTimeOffset Day(DateTimeOffset t) => new(t.UtcDateTime.Date, TimeSpan.Zero);

    private static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
