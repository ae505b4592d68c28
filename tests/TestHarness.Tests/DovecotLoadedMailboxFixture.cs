using TestHarness.Dovecot;
using TestHarness.Mail;

namespace TestHarness.Tests;

/// <summary>One Dovecot with a generated mailbox of a few thousand messages, shared by read-only tests.</summary>
public sealed class DovecotLoadedMailboxFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 4, 25, 19, 51, 45, TimeSpan.FromHours(2));

    public DovecotServer Dovecot { get; private set; } = null!;

    public GeneratedMailbox Mailbox { get; } = MailboxGenerator.Generate(new MailboxSpec { Count = 3_000, Seed = 7, Now = Now });

    public MaildirLoadResult Load { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Dovecot = await DovecotServer.StartAsync();
        Load = await Dovecot.LoadAsync(Mailbox);
    }

    public async Task DisposeAsync() => await Dovecot.DisposeAsync();
}
