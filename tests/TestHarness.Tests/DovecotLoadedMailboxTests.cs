using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using TestHarness.Mail;

namespace TestHarness.Tests;

public sealed class DovecotLoadedMailboxTests(DovecotLoadedMailboxFixture fixture) : IClassFixture<DovecotLoadedMailboxFixture>
{
    private const StatusItems Counts = StatusItems.Count | StatusItems.Unread | StatusItems.UidNext | StatusItems.UidValidity;

    [Fact]
    public async Task The_generated_mailbox_is_what_an_IMAP_client_sees()
    {
        using var client = await fixture.Dovecot.ConnectAsync();

        var folders = await client.GetFoldersAsync(client.PersonalNamespaces[0], Counts, subscribedOnly: false);

        Assert.Equal(fixture.Mailbox.Folders.Select(f => f.Name).Order(StringComparer.Ordinal), folders.Select(f => f.FullName).Order(StringComparer.Ordinal));
        foreach (var expected in fixture.Mailbox.Folders)
        {
            var folder = folders.Single(f => f.FullName == expected.Name);
            Assert.True(expected.Count == folder.Count, $"{expected.Name}: {folder.Count} messages on the server, {expected.Count} generated");
            Assert.Equal(expected.UnseenCount, folder.Unread);
            Assert.Equal((uint)expected.Count + 1, folder.UidNext?.Id);
        }

        foreach (var expected in fixture.Mailbox.Folders.Where(f => f.Count > 0))
        {
            var folder = folders.Single(f => f.FullName == expected.Name);
            await folder.OpenAsync(FolderAccess.ReadOnly);
            var seen = await folder.FetchAsync(0, -1, new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.InternalDate | MessageSummaryItems.Size | MessageSummaryItems.Envelope));
            Assert.Equal(expected.Count, seen.Count);
            for (var i = 0; i < seen.Count; i++)
            {
                var (server, generated) = (seen[i], expected.Messages[i]);
                Assert.Equal(generated.Uid, server.UniqueId.Id);
                Assert.Equal(generated.MessageId, server.Envelope!.MessageId);
                Assert.Equal(generated.Date.ToUnixTimeSeconds(), server.InternalDate!.Value.ToUnixTimeSeconds());
                Assert.Equal((uint)generated.Size, server.Size);
                Assert.Equal(ToMailFlags(server.Flags!.Value), generated.Flags);
                if (generated.Malformation == Malformation.None)
                {
                    Assert.Equal(generated.Subject, server.Envelope.Subject);
                    Assert.Equal(generated.From.Address, server.Envelope.From.Mailboxes.Single().Address);
                    Assert.Equal(generated.From.Name, server.Envelope.From.Mailboxes.Single().Name ?? "");
                }
            }

            await folder.CloseAsync();
        }
    }

    [Fact]
    public async Task Special_use_folders_and_subfolders_are_subscribed_with_slash_as_separator()
    {
        using var client = await fixture.Dovecot.ConnectAsync();

        var subscribed = await client.GetFoldersAsync(client.PersonalNamespaces[0], StatusItems.None, subscribedOnly: true);

        Assert.Equal('/', client.PersonalNamespaces[0].DirectorySeparator);
        Assert.Subset(subscribed.Select(f => f.FullName).ToHashSet(), fixture.Mailbox.Folders.Select(f => f.Name).ToHashSet());
        Assert.Contains(subscribed, f => f.FullName == "Archive/Old/Misc");
        Assert.Contains(subscribed, f => f.FullName == "Reçus");
        Assert.Contains(subscribed, f => f.FullName == "Travel Plans");
        foreach (var (special, name) in new[] { (SpecialFolder.Sent, "Sent"), (SpecialFolder.Drafts, "Drafts"), (SpecialFolder.Trash, "Trash"), (SpecialFolder.Archive, "Archive"), (SpecialFolder.Junk, "Junk") })
        {
            Assert.Equal(name, client.GetFolder(special)?.FullName);
        }
    }

    [Fact]
    public async Task Over_TLS_the_client_trusts_the_instance_certificate_by_thumbprint_and_sees_the_same_mailbox()
    {
        using var client = new ImapClient();
        client.ServerCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == fixture.Dovecot.CertificateThumbprint;
        await client.ConnectAsync(fixture.Dovecot.Host, fixture.Dovecot.TlsPort, SecureSocketOptions.SslOnConnect);
        await client.AuthenticateAsync(fixture.Dovecot.UserName, fixture.Dovecot.Password);

        var inbox = client.Inbox;
        await inbox.StatusAsync(Counts);

        Assert.True(client.IsSecure);
        Assert.Equal(fixture.Mailbox.Folder("INBOX").Count, inbox.Count);
        Assert.Equal(fixture.Mailbox.Folder("INBOX").UnseenCount, inbox.Unread);
    }

    [Fact]
    public async Task The_server_offers_what_the_sync_engine_relies_on()
    {
        using var client = await fixture.Dovecot.ConnectAsync();

        foreach (var capability in new[] { ImapCapabilities.CondStore, ImapCapabilities.QuickResync, ImapCapabilities.Idle, ImapCapabilities.Move, ImapCapabilities.UidPlus, ImapCapabilities.SpecialUse, ImapCapabilities.MultiAppend, ImapCapabilities.Thread })
        {
            Assert.True(client.Capabilities.HasFlag(capability), $"{capability} is not advertised");
        }
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        using var client = new ImapClient();
        await client.ConnectAsync(fixture.Dovecot.Host, fixture.Dovecot.Port, SecureSocketOptions.None);
        // One attempt (the LOGIN command): Dovecot's login process waits longer after each failure on a connection,
        // and MailKit would otherwise try PLAIN, LOGIN and the LOGIN command in turn.
        client.AuthenticationMechanisms.Clear();

        await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync(fixture.Dovecot.UserName, fixture.Dovecot.Password + "-wrong"));
        Assert.False(client.IsAuthenticated);
    }

    [Fact]
    public async Task The_lost_IEEE_invitation_is_found_by_a_server_search_in_its_forgotten_subfolder()
    {
        var story = fixture.Mailbox.IeeeInvitation;
        using var client = await fixture.Dovecot.ConnectAsync();
        var folder = await client.GetFolderAsync(story.Folder);
        await folder.OpenAsync(FolderAccess.ReadOnly);

        var found = await folder.SearchAsync(SearchQuery.FromContains("ieee.org").And(SearchQuery.SubjectContains("Reviewer Panel")));
        var unseen = await folder.SearchAsync(SearchQuery.FromContains("ieee.org").And(SearchQuery.NotSeen));

        Assert.Equal(story.Thread.Select(m => m.Uid), found.Select(u => u.Id));
        Assert.Equal(story.FollowUps.Select(m => m.Uid), unseen.Select(u => u.Id));
    }

    [Fact]
    public async Task Loading_reports_every_message_and_byte_written()
    {
        Assert.Equal(fixture.Mailbox.Messages.Count, fixture.Load.Messages);
        Assert.Equal(fixture.Mailbox.Messages.Sum(m => (long)m.Size), fixture.Load.Bytes);

        var status = await fixture.Dovecot.StatusAsync("Reçus");
        Assert.Equal(fixture.Mailbox.Folder("Reçus").Count, status.Messages);
    }

    private static MailFlags ToMailFlags(MessageFlags flags) =>
        (flags.HasFlag(MessageFlags.Seen) ? MailFlags.Seen : 0) | (flags.HasFlag(MessageFlags.Answered) ? MailFlags.Answered : 0)
        | (flags.HasFlag(MessageFlags.Flagged) ? MailFlags.Flagged : 0) | (flags.HasFlag(MessageFlags.Deleted) ? MailFlags.Deleted : 0)
        | (flags.HasFlag(MessageFlags.Draft) ? MailFlags.Draft : 0);
}
