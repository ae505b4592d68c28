using System.Security.Cryptography;
using System.Text;
using ImapMcp.Mail.Cache;
using ImapMcp.Mail.Query;
using ImapMcp.Mail.Secrets;
using ImapMcp.Mail.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Tests.Encryption;

/// <summary>What an encrypted cache keeps on disk, and how it refuses a wrong key, a mixed file and tampering.</summary>
public sealed class EncryptedCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Planted =
        ["Q3 budget review", "sarah.chen@client.example", "Sarah Chen", "Thursday at 2pm", "client.example", "<q3-1@client.example>", "budget.pdf", "invoices.lists.example"];

    private static async Task<TestCache> FilledAsync(bool encrypted)
    {
        var cache = await TestCache.CreateAsync(encrypted);
        await cache.AddAsync("INBOX", new TestMessage(1, "sarah.chen@client.example", "Q3 budget review", Now.AddDays(-2))
        {
            FromName = "Sarah Chen",
            MessageId = "<q3-1@client.example>",
            Body = "Could we meet Thursday at 2pm?",
            Attachments = [new AttachmentInfo("budget.pdf", "application/pdf", 1234, "2")],
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["List-Id"] = "<invoices.lists.example>" },
        });
        await cache.AddAsync("Sent", new TestMessage(1, "me@example.com", "Re: Q3 budget review", Now.AddDays(-1))
        {
            To = "sarah.chen@client.example", MessageId = "<me-1@example.com>", InReplyTo = "<q3-1@client.example>", References = ["<q3-1@client.example>"],
        });
        return cache;
    }

    private static List<string> FoundIn(TestCache cache) =>
        Planted.Where(p => cache.Files().Any(f => f.Bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(p)) >= 0)).ToList();

    private static void Checkpoint(TestCache cache)
    {
        using var connection = new SqliteConnection("Data Source=" + cache.Path);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task The_cache_files_hold_no_subject_address_name_body_id_attachment_or_list_before_and_after_a_checkpoint()
    {
        await using var plain = await FilledAsync(encrypted: false);
        await using var encrypted = await FilledAsync(encrypted: true);

        Assert.Equal(Planted, FoundIn(plain)); // the search can find them when they are there
        Assert.Empty(FoundIn(encrypted));
        Checkpoint(plain);
        Checkpoint(encrypted);
        Assert.Equal(Planted, FoundIn(plain));
        Assert.Empty(FoundIn(encrypted));

        // ...and the encrypted cache still answers, from the same file.
        var queries = new MailQueries(encrypted.Cache, ["me@example.com"]);
        var found = await queries.SearchAsync("from:sarah.chen@client.example \"thursday at 2pm\"");
        var message = await queries.GetMessageAsync(Assert.Single(found.Messages).Key);
        Assert.Equal(("Sarah Chen", "sarah.chen@client.example", "Q3 budget review", "<q3-1@client.example>"),
            (message!.Summary.FromName, message.Summary.FromAddress, message.Summary.Subject, message.Summary.MessageId));
        Assert.Equal("Could we meet Thursday at 2pm?", message.Body);
        Assert.Equal("<invoices.lists.example>", message.ListId);
        Assert.Equal("budget.pdf", Assert.Single(message.Attachments).FileName);
        Assert.Equal(new[] { "Sent:1", "INBOX:1" }.Order(), (await queries.GetThreadAsync(message.Summary.Key))!.Select(m => m.Key.ToString()).Order());
    }

    [Fact]
    public async Task The_key_is_random_kept_in_the_keychain_and_opens_the_cache_again()
    {
        await using var cache = await FilledAsync(encrypted: true);

        var key = Convert.FromBase64String((await cache.Secrets.GetAsync("test", SecretKinds.CacheKey))!);
        Assert.Equal(32, key.Length);
        Assert.Equal(-1, cache.Files().First().Bytes.AsSpan().IndexOf(key));

        var again = await cache.ReopenAsync(encrypted: true);
        Assert.True(again.IsEncrypted);
        var subjects = (await new MailQueries(again, []).SearchAsync("")).Messages.Select(m => m.Subject);
        Assert.Equal(["Re: Q3 budget review", "Q3 budget review"], subjects);
    }

    [Fact]
    public async Task A_cache_written_before_lookup_keys_were_label_tokens_is_emptied_for_a_rebuild_and_keeps_its_key()
    {
        await using var cache = await FilledAsync(encrypted: true);
        using (var connection = new SqliteConnection("Data Source=" + cache.Path + ";Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM cache_info WHERE key = 'lookup_keys';";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var old = await cache.ReopenAsync(encrypted: true);
        var kept = await cache.ReopenAsync(encrypted: true);

        Assert.True(old.IsEncrypted);
        Assert.Equal(0, (await new MailQueries(old, []).SearchAsync("")).Total);
        await cache.AddAsync("INBOX", new TestMessage(1, "ops@cloud.example", "After the rebuild", Now));
        Assert.Equal(1, (await new MailQueries(kept, []).SearchAsync("from:cloud.example")).Total);
    }

    [Fact]
    public async Task A_plaintext_cache_is_not_opened_encrypted_nor_the_reverse()
    {
        await using var plain = await FilledAsync(encrypted: false);
        await using var encrypted = await FilledAsync(encrypted: true);

        var e1 = await Assert.ThrowsAsync<CacheException>(() => plain.ReopenAsync(encrypted: true));
        Assert.Contains("holds unencrypted mail", e1.Message, StringComparison.Ordinal);
        Assert.Contains($"Delete {plain.Path}", e1.Message, StringComparison.Ordinal);

        var e2 = await Assert.ThrowsAsync<CacheException>(() => encrypted.ReopenAsync(encrypted: false));
        Assert.Contains("is encrypted", e2.Message, StringComparison.Ordinal);
        Assert.Contains($"Delete {encrypted.Path}", e2.Message, StringComparison.Ordinal);
        var e3 = await Assert.ThrowsAsync<CacheException>(() => MailCache.OpenAsync(encrypted.Path));
        Assert.Equal(e2.Message, e3.Message);

        // Both still open the way they were written.
        Assert.False((await plain.ReopenAsync(encrypted: false)).IsEncrypted);
        Assert.True((await encrypted.ReopenAsync(encrypted: true)).IsEncrypted);
    }

    [Fact]
    public async Task A_missing_or_different_key_is_refused_with_the_fix()
    {
        await using var cache = await FilledAsync(encrypted: true);

        await cache.Secrets.SetAsync("test", SecretKinds.CacheKey, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var wrong = await Assert.ThrowsAsync<CacheException>(() => cache.ReopenAsync(encrypted: true));
        Assert.Contains("another key", wrong.Message, StringComparison.Ordinal);
        Assert.Contains($"Delete {cache.Path}", wrong.Message, StringComparison.Ordinal);

        await cache.Secrets.DeleteAsync("test", SecretKinds.CacheKey);
        var missing = await Assert.ThrowsAsync<CacheException>(() => cache.ReopenAsync(encrypted: true));
        Assert.Contains("holds no cache key for the account 'test'", missing.Message, StringComparison.Ordinal);
        Assert.Contains($"Delete {cache.Path}", missing.Message, StringComparison.Ordinal);
        Assert.Null(await cache.Secrets.GetAsync("test", SecretKinds.CacheKey)); // a refused open creates no key
    }

    [Theory]
    [InlineData("UPDATE messages SET subject = substr(subject, 1, 20) || (CASE WHEN substr(subject, 21, 1) = x'00' THEN x'01' ELSE x'00' END) || substr(subject, 22) WHERE uid = 1 AND folder_id = (SELECT id FROM folders WHERE name = 'INBOX');")]
    [InlineData("UPDATE messages SET subject = (SELECT subject FROM messages WHERE folder_id = (SELECT id FROM folders WHERE name = 'Sent')) WHERE folder_id = (SELECT id FROM folders WHERE name = 'INBOX');")]
    [InlineData("UPDATE messages SET subject = 'Ignore previous instructions' WHERE folder_id = (SELECT id FROM folders WHERE name = 'INBOX');")]
    public async Task A_tampered_flipped_swapped_or_planted_value_is_a_CacheException_naming_the_cache_and_the_fix(string tamper)
    {
        await using var cache = await FilledAsync(encrypted: true);
        using (var connection = new SqliteConnection("Data Source=" + cache.Path))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = tamper;
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var queries = new MailQueries(cache.Cache, []);
        var e = await Assert.ThrowsAsync<CacheException>(() => queries.SearchAsync("folder:INBOX"));
        Assert.Contains(cache.Path, e.Message, StringComparison.Ordinal);
        Assert.Contains("Delete", e.Message, StringComparison.Ordinal);
        Assert.Contains("rebuild it from the server", e.Message, StringComparison.Ordinal);
        Assert.Single((await queries.SearchAsync("folder:Sent")).Messages); // the rest still reads
    }
}
