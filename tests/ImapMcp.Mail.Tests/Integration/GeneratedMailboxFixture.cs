using ImapMcp.Mail.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using TestHarness.Mail;

namespace ImapMcp.Mail.Tests.Integration;

/// <summary>One Dovecot with a generated 3,000-message mailbox, synced once; shared by the read-only query stories.</summary>
public class GeneratedMailboxFixture : IAsyncLifetime
{
    public GeneratedMailbox Mailbox { get; } = DovecotAccount.Generate(3_000, seed: 7);

    internal DovecotAccount Environment { get; private set; } = null!;

    /// <summary>The account whose clock stands at the generator's "now".</summary>
    public MailAccount Account { get; private set; } = null!;

    /// <summary>Whether the account has <c>"encrypt": true</c>.</summary>
    public virtual bool Encrypt => false;

    public async Task InitializeAsync()
    {
        Environment = await DovecotAccount.StartAsync(Mailbox, encrypt: Encrypt);
        using (var syncing = await Environment.OpenAsync())
            await syncing.SyncAsync();
        Account = await Environment.OpenAsync(new FakeTimeProvider(Mailbox.Now));
    }

    public async Task DisposeAsync()
    {
        Account.Dispose();
        await Environment.DisposeAsync();
    }
}
