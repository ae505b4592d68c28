using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using TestHarness.Dovecot;
using TestHarness.Mail;

namespace TestHarness.Tests;

public sealed class DovecotAnotherClientTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 25, 19, 51, 45, TimeSpan.Zero);

    private static async Task<(DovecotServer Dovecot, GeneratedMailbox Mailbox)> StartLoadedAsync(DovecotOptions? options = null)
    {
        var dovecot = await DovecotServer.StartAsync(options);
        var mailbox = MailboxGenerator.Generate(new MailboxSpec { Count = 300, Seed = 11, Now = Now });
        await dovecot.LoadAsync(mailbox);
        return (dovecot, mailbox);
    }

    [Fact]
    public async Task Flags_changed_by_another_client_are_seen_by_a_connected_client()
    {
        var (dovecot, mailbox) = await StartLoadedAsync();
        await using var _ = dovecot;
        var target = mailbox.Folder("INBOX").Messages.First(m => (m.Flags & (MailFlags.Flagged | MailFlags.Seen)) == 0);
        using var client = await dovecot.ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var before = await dovecot.StatusAsync("INBOX");

        await dovecot.SetFlagsAsync("INBOX", [target.Uid], MailFlags.Flagged | MailFlags.Seen);
        await client.NoOpAsync();
        var flagged = await FlagsAsync(client.Inbox, target.Uid);
        await dovecot.SetFlagsAsync("INBOX", [target.Uid], MailFlags.Seen, FlagChange.Remove);
        await client.NoOpAsync();
        var unseen = await FlagsAsync(client.Inbox, target.Uid);

        Assert.Equal(MessageFlags.Flagged | MessageFlags.Seen, flagged);
        Assert.Equal(MessageFlags.Flagged, unseen);
        Assert.True((await dovecot.StatusAsync("INBOX")).HighestModSeq > before.HighestModSeq);
    }

    [Fact]
    public async Task A_message_expunged_by_another_client_disappears_for_a_connected_client()
    {
        var (dovecot, mailbox) = await StartLoadedAsync();
        await using var _ = dovecot;
        var inbox = mailbox.Folder("INBOX");
        var gone = inbox.Messages[2];
        using var client = await dovecot.ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var vanished = new List<int>();
        client.Inbox.MessageExpunged += (_, e) => vanished.Add(e.Index);

        await dovecot.ExpungeAsync("INBOX", [gone.Uid]);
        await client.NoOpAsync();
        var uids = await client.Inbox.SearchAsync(MailKit.Search.SearchQuery.All);

        Assert.Equal([2], vanished);
        Assert.Equal(inbox.Count - 1, client.Inbox.Count);
        Assert.DoesNotContain(new UniqueId(gone.Uid), uids);
    }

    [Fact]
    public async Task A_message_appended_by_another_client_arrives_with_its_flags_and_date()
    {
        var (dovecot, mailbox) = await StartLoadedAsync();
        await using var _ = dovecot;
        var other = MailboxGenerator.Generate(new MailboxSpec { Count = 100, Seed = 99, Now = Now });
        var arriving = other.Messages.Last(m => m.Flags == (MailFlags.Seen | MailFlags.Flagged) || m.Category == MailCategory.GitHub);
        using var client = await dovecot.ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);

        var uid = await dovecot.AppendAsync("INBOX", arriving);
        await client.NoOpAsync();
        var summary = (await client.Inbox.FetchAsync([new UniqueId(uid)], new FetchRequest(MessageSummaryItems.Envelope | MessageSummaryItems.Flags | MessageSummaryItems.InternalDate))).Single();

        Assert.Equal((uint)mailbox.Folder("INBOX").Count + 1, uid);
        Assert.Equal(mailbox.Folder("INBOX").Count + 1, client.Inbox.Count);
        Assert.Equal(arriving.MessageId, summary.Envelope!.MessageId);
        Assert.Equal(arriving.Subject, summary.Envelope.Subject);
        Assert.Equal(arriving.Date.ToUnixTimeSeconds(), summary.InternalDate!.Value.ToUnixTimeSeconds());
        Assert.Equal(arriving.Flags.HasFlag(MailFlags.Seen), summary.Flags!.Value.HasFlag(MessageFlags.Seen));
    }

    [Fact]
    public async Task Recreating_a_folder_changes_its_UIDVALIDITY_and_keeps_its_messages_and_flags()
    {
        var (dovecot, mailbox) = await StartLoadedAsync();
        await using var _ = dovecot;
        var sent = mailbox.Folder("Sent");
        using var client = await dovecot.ConnectAsync();
        var folder = await client.GetFolderAsync("Sent");
        await folder.OpenAsync(FolderAccess.ReadOnly);
        var validity = folder.UidValidity;
        await folder.CloseAsync();

        await dovecot.RecreateFolderAsync("Sent");
        await folder.OpenAsync(FolderAccess.ReadOnly);
        var after = await folder.FetchAsync(0, -1, new FetchRequest(MessageSummaryItems.Envelope | MessageSummaryItems.Flags | MessageSummaryItems.UniqueId));

        Assert.NotEqual(validity, folder.UidValidity);
        Assert.Equal(sent.Messages.Select(m => m.MessageId), after.Select(s => s.Envelope!.MessageId));
        Assert.All(after, s => Assert.True(s.Flags!.Value.HasFlag(MessageFlags.Seen)));
        Assert.Equal(folder.UidValidity, (await dovecot.StatusAsync("Sent")).UidValidity);
        await Assert.ThrowsAsync<ArgumentException>(() => dovecot.RecreateFolderAsync("INBOX"));
    }

    [Fact]
    public async Task Folders_created_and_deleted_by_another_client_show_in_the_folder_list()
    {
        var (dovecot, _) = await StartLoadedAsync();
        await using var __ = dovecot;
        using var client = await dovecot.ConnectAsync();

        await dovecot.CreateFolderAsync("Projects/Q4 Planning");
        var created = (await client.GetFoldersAsync(client.PersonalNamespaces[0], StatusItems.None, subscribedOnly: true)).Select(f => f.FullName).ToList();
        await dovecot.DeleteFolderAsync("Projects/Budget");
        var afterDelete = (await client.GetFoldersAsync(client.PersonalNamespaces[0], StatusItems.None, subscribedOnly: false)).Select(f => f.FullName).ToList();

        Assert.Contains("Projects/Q4 Planning", created);
        Assert.Contains("Projects/Q4 Planning", await dovecot.ListFoldersAsync());
        Assert.DoesNotContain("Projects/Budget", afterDelete);
    }

    [Fact]
    public async Task Kicking_all_clients_drops_a_connected_client()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        using var client = await dovecot.ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);

        await dovecot.KickAllAsync();

        var error = await Record.ExceptionAsync(() => client.NoOpAsync());
        Assert.True(error is ImapProtocolException or IOException or ServiceNotConnectedException, $"unexpected {error}");
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task With_QRESYNC_disabled_the_server_advertises_neither_CONDSTORE_nor_QRESYNC()
    {
        await using var dovecot = await DovecotServer.StartAsync(new DovecotOptions { DisableQresync = true });
        using var client = await dovecot.ConnectAsync();

        Assert.False(client.Capabilities.HasFlag(ImapCapabilities.CondStore));
        Assert.False(client.Capabilities.HasFlag(ImapCapabilities.QuickResync));
        Assert.True(client.Capabilities.HasFlag(ImapCapabilities.Idle));
        Assert.True(client.Capabilities.HasFlag(ImapCapabilities.UidPlus));
        Assert.True(dovecot.DisablesQresync);
    }

    [Fact]
    public async Task A_server_that_cannot_listen_on_its_fixed_port_fails_with_the_reason()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<HarnessException>(() => DovecotServer.StartAsync(new DovecotOptions { Port = port, StartTimeout = TimeSpan.FromSeconds(10) }));

        Assert.Contains($"{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Address already in use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_persistent_data_folder_keeps_the_mail_across_restarts_and_a_new_load_replaces_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dovecot-persist-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var mailbox = MailboxGenerator.Generate(new MailboxSpec { Count = 150, Seed = 5, Now = Now });
            var replacement = MailboxGenerator.Generate(new MailboxSpec { Count = 120, Seed = 6, Now = Now });
            await using (var first = await DovecotServer.StartAsync(new DovecotOptions { DataFolder = folder, Password = "demo-password" }))
            {
                Assert.False(first.ReusedExistingData);
                Assert.False((await first.LoadAsync(mailbox)).AlreadyLoaded);
            }

            await using var second = await DovecotServer.StartAsync(new DovecotOptions { DataFolder = folder, Password = "demo-password" });
            var reload = await second.LoadAsync(mailbox);
            using var client = await second.ConnectAsync(useTls: true);
            await client.Inbox.StatusAsync(StatusItems.Count | StatusItems.UidValidity);
            var validity = client.Inbox.UidValidity;
            var replaced = await second.LoadAsync(replacement);
            using var again = await second.ConnectAsync();
            await again.Inbox.StatusAsync(StatusItems.Count | StatusItems.UidValidity);

            Assert.True(second.ReusedExistingData);
            Assert.True(reload.AlreadyLoaded);
            Assert.Equal(mailbox.Folder("INBOX").Count, client.Inbox.Count);
            Assert.False(replaced.AlreadyLoaded);
            Assert.False(client.IsConnected && await StillUsableAsync(client), "a client connected before the replacement kept its session");
            Assert.Equal(replacement.Folder("INBOX").Count, again.Inbox.Count);
            Assert.NotEqual(validity, again.Inbox.UidValidity);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<bool> StillUsableAsync(ImapClient client)
    {
        try
        {
            await client.NoOpAsync();
            return true;
        }
        catch (Exception ex) when (ex is ImapProtocolException or IOException or ServiceNotConnectedException)
        {
            return false;
        }
    }

    private static async Task<MessageFlags> FlagsAsync(IMailFolder folder, uint uid) =>
        (await folder.FetchAsync([new UniqueId(uid)], new FetchRequest(MessageSummaryItems.Flags))).Single().Flags!.Value & ~MessageFlags.Recent;
}
