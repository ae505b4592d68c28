using ImapMcp.Mail.Internal;
using ImapMcp.Mail.Query;
using ImapMcp.Mail.Sync;
using ImapMcp.Mail.Tests.Support;
using MailKit;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using TestHarness.Dovecot;
using TestHarness.Mail;

namespace ImapMcp.Mail.Tests.Integration;

/// <summary>
/// "headers": "3m" syncs only the last three months; older mail loads by range on request; new mail keeps arriving. The
/// expected sets come from the generator (INTERNALDATE = the message's date, compared by whole UTC days as SEARCH does).
/// </summary>
public sealed class HeaderWindowTests
{
    [Fact]
    public async Task A_window_sync_holds_exactly_the_window_and_loading_older_ranges_adds_exactly_those()
    {
        var mailbox = DovecotAccount.Generate(800, seed: 5);
        await using var env = await DovecotAccount.StartAsync(mailbox, headers: "3m");
        using var account = await env.OpenAsync(new FakeTimeProvider(mailbox.Now));
        var threeMonths = Day(mailbox.Now.AddMonths(-3));
        var sixMonths = Day(mailbox.Now.AddMonths(-6));

        var first = await account.SyncAsync(new SyncOptions { HeaderBatchSize = 40 });

        var window = Dated(mailbox, threeMonths, null);
        Assert.InRange(window.Count, 50, mailbox.Messages.Count - 100);
        await AssertCachedExactlyAsync(env, account, window);
        Assert.Equal(window.Count, first.NewMessages);
        var inbox = (await account.Queries.GetFoldersAsync()).Single(f => f.Name == "INBOX");
        Assert.Equal([new CachedRange(threeMonths, null)], inbox.Ranges);

        // Load older: three more months, then a separate older range.
        var older = await account.SyncAsync(new SyncOptions { Since = sixMonths.AddHours(13), HeaderBatchSize = 40 });
        var sixMonthWindow = Dated(mailbox, sixMonths, null);
        await AssertCachedExactlyAsync(env, account, sixMonthWindow);
        Assert.Equal(sixMonthWindow.Count - window.Count, older.NewMessages);

        var from = Day(mailbox.Now.AddMonths(-24));
        var to = Day(mailbox.Now.AddMonths(-18));
        var range = await account.SyncAsync(new SyncOptions { Since = from, Before = to });
        var loaded = sixMonthWindow.Concat(Dated(mailbox, from, to)).ToHashSet();
        await AssertCachedExactlyAsync(env, account, loaded);
        Assert.Equal(loaded.Count - sixMonthWindow.Count, range.NewMessages);
        inbox = (await account.Queries.GetFoldersAsync()).Single(f => f.Name == "INBOX");
        Assert.Equal([new CachedRange(from, to), new CachedRange(sixMonths, null)], inbox.Ranges);

        // Asking again for what is cached fetches nothing.
        var again = await account.SyncAsync(new SyncOptions { Since = from, Before = to.AddDays(-30) });
        Assert.Equal(0, again.NewMessages);

        // Another client: new mail, mail dated inside and outside the cached ranges, a flag, an expunge.
        var cachedInbox = mailbox.Folder("INBOX").Messages.Where(m => m.Date >= sixMonths).ToList();
        var newUid = await env.Dovecot.AppendAsync("INBOX", NewMessage("Fresh news"), date: mailbox.Now.AddHours(-1));
        var insideUid = await env.Dovecot.AppendAsync("INBOX", NewMessage("Moved here from an old folder"), date: from.AddDays(10));
        var outsideUid = await env.Dovecot.AppendAsync("INBOX", NewMessage("Old and outside"), date: mailbox.Now.AddMonths(-12));
        await env.Dovecot.SetFlagsAsync("INBOX", [cachedInbox[0].Uid], MailFlags.Flagged);
        await env.Dovecot.ExpungeAsync("INBOX", [cachedInbox[1].Uid]);

        var incremental = await account.SyncAsync();

        Assert.Equal(2, incremental.NewMessages);
        Assert.Equal(1, incremental.Expunged);
        var expected = loaded.Where(k => k != new MessageKey("INBOX", cachedInbox[1].Uid))
            .Append(new MessageKey("INBOX", newUid)).Append(new MessageKey("INBOX", insideUid)).ToHashSet();
        await AssertCachedExactlyAsync(env, account, expected);
        Assert.DoesNotContain(new MessageKey("INBOX", outsideUid), expected);
        var flagged = await account.Queries.GetMessageAsync(new MessageKey("INBOX", cachedInbox[0].Uid));
        Assert.True(flagged!.Summary.IsFlagged);

        var quiet = await account.SyncAsync();
        Assert.Equal((0L, 0L, 0L), (quiet.NewMessages, quiet.FlagUpdates, quiet.Expunged));
    }

    [Fact]
    public async Task Loading_older_mail_killed_mid_way_resumes_without_duplicates_or_holes()
    {
        var mailbox = DovecotAccount.Generate(800, seed: 5);
        await using var env = await DovecotAccount.StartAsync(mailbox, headers: "1m");
        using var account = await env.OpenAsync(new FakeTimeProvider(mailbox.Now));
        await account.SyncAsync(new SyncOptions { Bodies = false });
        var since = Day(mailbox.Now.AddYears(-2));
        using var cancel = new CancellationTokenSource();
        var batches = 0;
        var progress = new SyncProgressCallback(p =>
        {
            if (p.Phase == SyncPhase.Headers && p.Done > 0 && ++batches == 2)
                cancel.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            account.SyncAsync(new SyncOptions { Since = since, HeaderBatchSize = 30, Bodies = false }, progress, cancel.Token));
        var partial = (await account.Cache.GetStatisticsAsync()).Messages;
        var resumed = await account.SyncAsync(new SyncOptions { Since = since, Bodies = false });

        var expected = Dated(mailbox, since, null);
        Assert.InRange(partial, Dated(mailbox, Day(mailbox.Now.AddMonths(-1)), null).Count + 1, expected.Count - 1);
        await AssertCachedExactlyAsync(env, account, expected);
        Assert.Equal(expected.Count - partial, resumed.NewMessages);
    }

    [Fact]
    public async Task A_load_range_that_ends_before_it_starts_is_refused()
    {
        var settings = Mail.Configuration.MailConfiguration.Parse("""{ "accounts": [ { "name": "a", "host": "localhost", "security": "none", "username": "a@example.com" } ] }""").Accounts[0];
        var sync = new MailSynchronizer(settings, null!, _ => throw new InvalidOperationException("never connects"));
        var now = DateTimeOffset.UtcNow;

        var e = await Assert.ThrowsAsync<ArgumentException>(() => sync.SyncAsync(new SyncOptions { Since = now, Before = now.AddDays(-1) }));

        Assert.Contains("must be later than Since", e.Message, StringComparison.Ordinal);
    }

    private static DateTimeOffset Day(DateTimeOffset t) => new(t.UtcDateTime.Date, TimeSpan.Zero);

    private static HashSet<MessageKey> Dated(GeneratedMailbox mailbox, DateTimeOffset since, DateTimeOffset? before) =>
        mailbox.Messages.Where(m => m.Date >= since && (before is null || m.Date < before)).Select(m => new MessageKey(m.Folder, m.Uid)).ToHashSet();

    /// <summary>The cache holds exactly <paramref name="expected"/>, each once, with the server's flags.</summary>
    private static async Task AssertCachedExactlyAsync(DovecotAccount env, MailAccount account, IReadOnlySet<MessageKey> expected)
    {
        await using var writer = await CacheWriter.OpenAsync(account.Cache, default);
        var cached = new List<MessageKey>();
        using var client = await env.Dovecot.ConnectAsync();
        foreach (var folder in await writer.GetFoldersAsync(default))
        {
            var rows = await writer.GetUidsAsync(folder.Id, default);
            cached.AddRange(rows.Select(r => new MessageKey(folder.Name, r.Uid)));
            if (rows.Count == 0)
                continue;
            var imap = await client.GetFolderAsync(folder.Name);
            await imap.OpenAsync(FolderAccess.ReadOnly);
            var server = (await imap.FetchAsync(rows.Select(r => new UniqueId(r.Uid)).ToList(), MessageSummaryItems.UniqueId | MessageSummaryItems.Flags))
                .ToDictionary(s => s.UniqueId.Id, s => SummaryConverter.FlagsOf(s.Flags));
            Assert.All(rows, r => Assert.Equal(server[r.Uid], r.Flags));
            await imap.CloseAsync();
        }

        Assert.Equal(cached.Count, cached.Distinct().Count());
        var missing = expected.Except(cached).Take(5).ToList();
        var extra = cached.Except(expected).Take(5).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0, $"missing {string.Join(", ", missing)}; extra {string.Join(", ", extra)}");
    }

    private static MimeMessage NewMessage(string subject)
    {
        var m = new MimeMessage();
        m.From.Add(new MailboxAddress("Someone", "someone@elsewhere.example"));
        m.To.Add(new MailboxAddress("Alex", "alex.morgan@example.com"));
        m.Subject = subject;
        m.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
        m.Body = new TextPart("plain") { Text = "Hello." };
        return m;
    }
}
