using ImapMcp.Mail.Cache;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Internal;
using ImapMcp.Mail.Secrets;
using ImapMcp.Mail.Tests.Support;
using TestHarness.SecretService;

namespace ImapMcp.Mail.Tests.Encryption;

/// <summary>The cache key in the real Linux keychain: gnome-keyring on a private D-Bus session.</summary>
public sealed class CacheKeyKeychainTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "imap-mcp-tests", Guid.NewGuid().ToString("N"));
    private SecretServiceSession _session = null!;

    public async Task InitializeAsync() => _session = await SecretServiceSession.StartAsync();

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_cache_key_is_created_in_gnome_keyring_read_back_by_a_new_process_and_its_loss_is_explained()
    {
        var settings = MailConfiguration.Parse($$"""
            { "accounts": [ { "name": "work", "host": "127.0.0.1", "port": 1, "security": "none", "username": "alex",
                              "addresses": ["me@example.com"], "cache": "{{_directory}}/work.db", "encrypt": true } ] }
            """).Accounts[0];

        using (var first = await MailAccount.OpenAsync(settings, new SecretServiceStore(_session.BusAddress)))
        {
            Assert.True(first.Cache.IsEncrypted);
            await using var writer = await CacheWriter.OpenAsync(first.Cache, default);
            var inbox = await writer.UpsertFolderAsync("INBOX", FolderRole.Inbox, '/', default);
            var record = new TestMessage(1, "sarah.chen@client.example", "Q3 budget review", DateTimeOffset.UnixEpoch.AddYears(56)).ToRecord();
            await writer.StoreHeadersAsync(inbox.Id, [record], 2, null, default);
        }

        // Other programs see the key under documented attributes: 32 random bytes, base64.
        var stored = await _session.LookupAsync(new Dictionary<string, string> { ["application"] = "imap-mcp", ["account"] = "work", ["kind"] = "cache-key" });
        Assert.Equal(32, Convert.FromBase64String(stored!).Length);

        // A new keychain connection (as a new process would open) reads the same key and the cache opens.
        using (var second = await MailAccount.OpenAsync(settings, new SecretServiceStore(_session.BusAddress)))
        {
            var found = await second.Queries.SearchAsync("from:sarah.chen@client.example budget");
            Assert.Equal("Q3 budget review", Assert.Single(found.Messages).Subject);
        }

        Assert.True(await new SecretServiceStore(_session.BusAddress).DeleteAsync("work", SecretKinds.CacheKey));
        var e = await Assert.ThrowsAsync<CacheException>(() => MailAccount.OpenAsync(settings, new SecretServiceStore(_session.BusAddress)));
        Assert.Contains("Secret Service holds no cache key for the account 'work'", e.Message, StringComparison.Ordinal);
        Assert.Contains($"Delete {_directory}/work.db", e.Message, StringComparison.Ordinal);

        // The fix works: delete the cache, and the next open starts a new encrypted cache with a new key.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete($"{_directory}/work.db{suffix}");
        using var rebuilt = await MailAccount.OpenAsync(settings, new SecretServiceStore(_session.BusAddress));
        Assert.True(rebuilt.Cache.IsEncrypted);
        Assert.NotEqual(stored, await new SecretServiceStore(_session.BusAddress).GetAsync("work", SecretKinds.CacheKey));
    }
}
