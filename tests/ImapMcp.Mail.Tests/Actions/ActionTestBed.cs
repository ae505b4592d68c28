using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Tests.Support;
using MailKit;
using Microsoft.Extensions.Time.Testing;
using TestHarness.Dovecot;
using TestHarness.Mail;

namespace ImapMcp.Mail.Tests.Actions;

/// <summary>A private Dovecot with a generated mailbox, synced once, and an account whose clock stands at the generator's "now".</summary>
internal sealed class ActionTestBed : IAsyncDisposable
{
    private ActionTestBed(GeneratedMailbox mailbox, DovecotAccount environment, MailAccount account, FakeTimeProvider time)
    {
        Mailbox = mailbox;
        Environment = environment;
        Account = account;
        Time = time;
    }

    public GeneratedMailbox Mailbox { get; }

    public DovecotAccount Environment { get; }

    public DovecotServer Dovecot => Environment.Dovecot;

    public MailAccount Account { get; }

    public FakeTimeProvider Time { get; }

    public static async Task<ActionTestBed> StartAsync(int count = 600, DovecotOptions? options = null, bool encrypt = false)
    {
        var mailbox = DovecotAccount.Generate(count);
        var environment = await DovecotAccount.StartAsync(mailbox, options);
        var time = new FakeTimeProvider(mailbox.Now);
        var s = environment.Settings;
        var account = encrypt
            ? await MailAccount.OpenAsync(
                new AccountSettings
                {
                    Name = s.Name, Host = s.Host, Port = s.Port, Security = s.Security, UserName = s.UserName, Addresses = s.Addresses,
                    CachePath = s.CachePath, Bodies = s.Bodies, FolderRoles = s.FolderRoles, Encrypt = true,
                },
                environment.Secrets,
                time)
            : await environment.OpenAsync(time);
        await account.SyncAsync();
        return new ActionTestBed(mailbox, environment, account, time);
    }

    /// <summary>Message count per folder, from the server (doveadm mailbox status).</summary>
    public async Task<Dictionary<string, int>> ServerCountsAsync()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var folder in await Dovecot.ListFoldersAsync())
            counts[folder] = (await Dovecot.StatusAsync(folder)).Messages;
        return counts;
    }

    /// <summary>Every Message-ID on the server with the folders holding it (one entry per copy; messages without one share a key), from a fresh IMAP connection.</summary>
    public async Task<Dictionary<string, List<string>>> ServerMessageIdsAsync()
    {
        using var client = await Dovecot.ConnectAsync();
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in await Dovecot.ListFoldersAsync())
        {
            var folder = await client.GetFolderAsync(name);
            await folder.OpenAsync(FolderAccess.ReadOnly);
            if (folder.Count > 0)
            {
                foreach (var s in await folder.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope))
                {
                    var id = s.Envelope?.MessageId ?? "(no Message-ID)";
                    if (!result.TryGetValue(id, out var list))
                        result[id] = list = [];
                    list.Add(name);
                }
            }

            await folder.CloseAsync();
        }

        await client.DisconnectAsync(true);
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        Account.Dispose();
        await Environment.DisposeAsync();
    }
}
