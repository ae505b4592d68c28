using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Internal;
using ImapMcp.Mail.Secrets;
using MailKit;
using TestHarness.Dovecot;
using TestHarness.Mail;

namespace ImapMcp.Mail.Tests.Support;

/// <summary>An imap-mcp account pointed at a private Dovecot, with its cache in a temp folder.</summary>
internal sealed class DovecotAccount : IAsyncDisposable
{
    private readonly string _directory;

    private DovecotAccount(DovecotServer dovecot, AccountSettings settings, MemorySecretStore secrets, string directory)
    {
        Dovecot = dovecot;
        Settings = settings;
        Secrets = secrets;
        _directory = directory;
    }

    public DovecotServer Dovecot { get; }

    public AccountSettings Settings { get; }

    public MemorySecretStore Secrets { get; }

    public static readonly DateTimeOffset Now = new(2026, 4, 25, 19, 51, 45, TimeSpan.FromHours(2));

    public static GeneratedMailbox Generate(int count = 600, int seed = 11) =>
        MailboxGenerator.Generate(new MailboxSpec { Count = count, Seed = seed, Now = Now });

    public static async Task<DovecotAccount> StartAsync(GeneratedMailbox? mailbox, DovecotOptions? options = null, string? bodies = null, string? headers = null, bool encrypt = false)
    {
        var dovecot = await DovecotServer.StartAsync(options);
        if (mailbox is not null)
            await dovecot.LoadAsync(mailbox);
        var directory = Path.Combine(Path.GetTempPath(), "imap-mcp-tests", Guid.NewGuid().ToString("N"));
        var owner = mailbox?.OwnerAddresses ?? ["alex.morgan@example.com"];
        var config = MailConfiguration.Parse($$"""
            { "accounts": [ { "name": "alex", "host": "127.0.0.1", "port": {{dovecot.Port}}, "security": "none",
                              "username": "{{dovecot.UserName}}", "addresses": ["{{string.Join("\", \"", owner)}}"],
                              "bodies": "{{bodies ?? "all"}}", "headers": "{{headers ?? "all"}}", "cache": "{{directory}}/alex.db", "encrypt": {{(encrypt ? "true" : "false")}} } ] }
            """);
        var secrets = new MemorySecretStore();
        await secrets.SetAsync("alex", SecretKinds.Password, dovecot.Password);
        return new DovecotAccount(dovecot, config.Accounts[0], secrets, directory);
    }

    public Task<MailAccount> OpenAsync(TimeProvider? time = null) => MailAccount.OpenAsync(Settings, Secrets, time);

    /// <summary>Asserts the cache holds exactly the server's folders, UIDs and flags.</summary>
    public async Task AssertCacheEqualsServerAsync(MailAccount account)
    {
        using var client = await Dovecot.ConnectAsync();
        var serverFolders = (await client.GetFoldersAsync(client.PersonalNamespaces[0], StatusItems.None, subscribedOnly: true))
            .Where(f => !f.Attributes.HasFlag(FolderAttributes.NoSelect) && !f.Attributes.HasFlag(FolderAttributes.NonExistent))
            .ToList();
        await using var writer = await CacheWriter.OpenAsync(account.Cache, default);
        var cached = await writer.GetFoldersAsync(default);
        Assert.Equal(serverFolders.Select(f => f.FullName).Order(StringComparer.Ordinal), cached.Select(f => f.Name).Order(StringComparer.Ordinal));
        foreach (var folder in serverFolders)
        {
            await folder.OpenAsync(FolderAccess.ReadOnly);
            var server = folder.Count == 0 ? [] : await folder.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags);
            var expected = server.Select(s => (s.UniqueId.Id, SummaryConverter.FlagsOf(s.Flags))).OrderBy(x => x.Id).ToList();
            var state = cached.Single(c => c.Name == folder.FullName);
            var actual = (await writer.GetUidsAsync(state.Id, default)).Select(x => (x.Uid, x.Flags)).ToList();
            Assert.True(expected.SequenceEqual(actual), $"{folder.FullName}: server has {expected.Count} messages, cache {actual.Count}; first difference at " +
                expected.Zip(actual).Select((p, i) => (p, i)).FirstOrDefault(x => x.p.First != x.p.Second).i);
            Assert.Equal(folder.UidValidity, state.UidValidity);
            await folder.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Dovecot.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
