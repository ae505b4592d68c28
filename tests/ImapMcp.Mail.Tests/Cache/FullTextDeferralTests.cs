using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Internal;
using ImapMcp.Mail.Query;
using ImapMcp.Mail.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Tests.Cache;

/// <summary>
/// A sync that fetches a message's body in the same run writes its full-text row once, with the body. Whatever happens
/// in between (a body that will not parse, a body phase that never comes, a later body), every message ends up findable
/// by its words, exactly as if it had been indexed twice.
/// </summary>
public sealed class FullTextDeferralTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Mail_indexed_with_its_body_is_found_by_subject_and_body_and_what_never_got_a_body_by_its_subject(bool encrypted)
    {
        await using var cache = await TestCache.CreateAsync(encrypted);
        var queries = new MailQueries(cache.Cache, ["me@example.com"]);
        await using (var writer = await CacheWriter.OpenAsync(cache.Cache, default))
        {
            var inbox = await writer.UpsertFolderAsync("INBOX", FolderRole.Inbox, '/', default);
            await writer.StoreHeadersAsync(inbox.Id,
            [
                new TestMessage(1, "sarah@client.example", "Budget review", Now.AddDays(-1)).ToRecord(),
                new TestMessage(2, "arjun@partner.example", "Budget draft", Now.AddDays(-2)).ToRecord(),
                new TestMessage(3, "lee@partner.example", "Budget final", Now.AddDays(-3)).ToRecord(),
            ], 4, indexWithBodyFrom: DateTimeOffset.MinValue, default);

            // Stored and listed, but the words wait for the bodies this sync is about to fetch.
            Assert.Equal(3, (await queries.SearchAsync("")).Total);
            Assert.Equal("", await KeysAsync(queries, "budget"));

            // One body arrives, one will not parse; the third message's body phase never comes.
            await writer.StoreBodiesAsync(inbox.Id, [new BodyRecord(1, "The quarterly forecast is attached.", null), new BodyRecord(2, null, null)], default);
            Assert.Equal("INBOX:1 INBOX:2", await KeysAsync(queries, "budget"));
            Assert.Equal("INBOX:1", await KeysAsync(queries, "forecast"));

            Assert.Equal(1, await writer.IndexDeferredAsync(default));
            Assert.Equal(0, await writer.IndexDeferredAsync(default));
            Assert.Equal("INBOX:1 INBOX:2 INBOX:3", await KeysAsync(queries, "budget"));
            Assert.Equal("INBOX:3", await KeysAsync(queries, "subject:final from:lee@partner.example"));

            // A later body for the message indexed from its headers replaces its row: subject words stay, body words join.
            await writer.StoreBodiesAsync(inbox.Id, [new BodyRecord(3, "Revised forecast, final numbers.", null)], default);
            Assert.Equal("INBOX:1 INBOX:3", await KeysAsync(queries, "forecast"));
            Assert.Equal("INBOX:1 INBOX:2 INBOX:3", await KeysAsync(queries, "budget"));
            Assert.Equal("INBOX:3", await KeysAsync(queries, "final"));
        }

        await AssertIndexIntactAsync(cache);
    }

    [Fact]
    public async Task A_recent_bodies_policy_indexes_older_mail_at_once_and_the_body_phase_takes_every_deferred_message()
    {
        await using var cache = await TestCache.CreateAsync();
        var queries = new MailQueries(cache.Cache, ["me@example.com"]);
        await using var writer = await CacheWriter.OpenAsync(cache.Cache, default);
        var inbox = await writer.UpsertFolderAsync("INBOX", FolderRole.Inbox, '/', default);
        // Bodies of the last 30 days follow: older mail is indexed from its headers now.
        await writer.StoreHeadersAsync(inbox.Id,
        [
            new TestMessage(1, "a@example.org", "Invoice March", Now.AddDays(-90)).ToRecord(),
            new TestMessage(2, "b@example.org", "Invoice October", Now.AddDays(-20)).ToRecord(),
            new TestMessage(3, "c@example.org", "Invoice November", Now.AddDays(-2)).ToRecord(),
        ], 4, indexWithBodyFrom: Now.AddDays(-30), default);

        Assert.Equal("INBOX:1", await KeysAsync(queries, "invoice"));
        // The body phase's window may start later than the header phase's (its clock ran on): every message whose words wait
        // for a body is still fetched, and older ones are not.
        Assert.Equal([3u, 2u], await writer.GetUidsNeedingBodiesAsync(inbox.Id, Now.AddDays(-10), 100, default));
        Assert.Equal(2, await writer.CountNeedingBodiesAsync(Now.AddDays(-10), default));
        Assert.Equal(3, await writer.CountNeedingBodiesAsync(null, default));

        await writer.StoreBodiesAsync(inbox.Id, [new BodyRecord(3, "Due on receipt.", null), new BodyRecord(2, "Paid, thanks.", null)], default);
        Assert.Equal("INBOX:1 INBOX:2 INBOX:3", await KeysAsync(queries, "invoice"));
        Assert.Equal(0, await writer.IndexDeferredAsync(default));
        Assert.Equal([1u], await writer.GetUidsNeedingBodiesAsync(inbox.Id, null, 100, default));
    }

    private static async Task<string> KeysAsync(MailQueries queries, string query)
    {
        var result = await queries.SearchAsync(query, new QueryOptions { Limit = 100 });
        Assert.Equal(result.Messages.Count, result.Total);
        return string.Join(' ', result.Messages.Select(m => $"{m.Key.Folder}:{m.Key.Uid}").Order(StringComparer.Ordinal));
    }

    /// <summary>FTS5's own check of the index structure (a contentless table cannot be checked against content).</summary>
    private static async Task AssertIndexIntactAsync(TestCache cache)
    {
        await using var connection = await cache.Cache.OpenConnectionAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO fts(fts) VALUES('integrity-check');";
        await command.ExecuteNonQueryAsync();
    }
}
