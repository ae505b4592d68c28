using System.Text.RegularExpressions;
using ImapMcp.Mail.Sync;
using ImapMcp.Mail.Tests.Support;
using Microsoft.Data.Sqlite;
using MimeKit;
using TestHarness.Dovecot;
using TestHarness.Mail;

namespace ImapMcp.Mail.Tests.Integration;

/// <summary>Sync against a real Dovecot: the cache must equal the server after every kind of change.</summary>
public sealed class SyncTests
{
    [Fact]
    public async Task The_first_sync_caches_every_generated_message_with_its_flags_and_bodies()
    {
        var mailbox = DovecotAccount.Generate();
        await using var env = await DovecotAccount.StartAsync(mailbox);
        using var account = await env.OpenAsync();
        var reports = new List<SyncProgress>();

        var report = await account.SyncAsync(new SyncOptions { HeaderBatchSize = 100 }, new SyncProgressList(reports));

        Assert.Equal(mailbox.Messages.Count, report.NewMessages);
        Assert.Equal(mailbox.Messages.Count, report.Bodies + await CountBodyFailuresAsync(account));
        await env.AssertCacheEqualsServerAsync(account);
        var inbox = mailbox.Folder("INBOX");
        Assert.Contains(reports, p => p.Phase == SyncPhase.Headers && p.Folder == "INBOX" && p.Done == inbox.Count && p.Total == inbox.Count);
        Assert.Contains(reports, p => p.Phase == SyncPhase.Bodies && p.MessagesPerSecond > 0);
        var stats = await account.Cache.GetStatisticsAsync();
        Assert.Equal(mailbox.Messages.Count, stats.Messages);
        Assert.Equal(ExpectedIndexes(), await IndexNamesAsync(account));
    }

    [Fact]
    public async Task After_another_client_flags_expunges_appends_and_recreates_a_folder_the_next_sync_matches_the_server()
    {
        var mailbox = DovecotAccount.Generate();
        await using var env = await DovecotAccount.StartAsync(mailbox);
        using var account = await env.OpenAsync();
        await account.SyncAsync();
        var inbox = mailbox.Folder("INBOX").Messages;
        var recreated = mailbox.Folders.First(f => f.Count > 0 && f.Name != "INBOX" && f.SpecialUse == SpecialUse.None).Name;

        await env.Dovecot.SetFlagsAsync("INBOX", inbox.Take(10).Select(m => m.Uid), MailFlags.Flagged | MailFlags.Seen);
        await env.Dovecot.SetFlagsAsync("INBOX", inbox.Skip(10).Take(5).Select(m => m.Uid), MailFlags.Seen, FlagChange.Remove);
        await env.Dovecot.ExpungeAsync("INBOX", inbox.Skip(20).Take(7).Select(m => m.Uid));
        await env.Dovecot.AppendAsync("INBOX", NewMessage("A brand new message"));
        await env.Dovecot.RecreateFolderAsync(recreated);
        await env.Dovecot.CreateFolderAsync("Fresh");
        await env.Dovecot.AppendAsync("Fresh", NewMessage("In a fresh folder"));

        var report = await account.SyncAsync();

        await env.AssertCacheEqualsServerAsync(account);
        Assert.Equal(1, report.FolderResets);
        Assert.Equal(7, report.Expunged);
        Assert.Equal(1, (await account.Queries.SearchAsync("subject:\"fresh folder\"")).Total);

        var quiet = await account.SyncAsync();
        Assert.Equal((0, 0L, 0L, 0L), (quiet.FolderResets, quiet.NewMessages, quiet.FlagUpdates, quiet.Expunged));
    }

    [Fact]
    public async Task Without_CONDSTORE_and_QRESYNC_the_fallback_still_finds_every_change()
    {
        var mailbox = DovecotAccount.Generate(300);
        await using var env = await DovecotAccount.StartAsync(mailbox, new DovecotOptions { DisableQresync = true });
        using var account = await env.OpenAsync();
        await account.SyncAsync();
        var inbox = mailbox.Folder("INBOX").Messages;

        await env.Dovecot.SetFlagsAsync("INBOX", inbox.Take(4).Select(m => m.Uid), MailFlags.Answered);
        await env.Dovecot.ExpungeAsync("INBOX", [inbox[5].Uid, inbox[6].Uid]);
        await env.Dovecot.AppendAsync("INBOX", NewMessage("After the first sync"));
        var report = await account.SyncAsync();

        await env.AssertCacheEqualsServerAsync(account);
        Assert.Equal(4, report.FlagUpdates);
        Assert.Equal(2, report.Expunged);
        Assert.Equal(1, report.NewMessages);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public async Task A_sync_cancelled_mid_way_resumes_without_holes_or_duplicates(int cancelAfterBatches)
    {
        var mailbox = DovecotAccount.Generate(1200);
        await using var env = await DovecotAccount.StartAsync(mailbox);
        using var account = await env.OpenAsync();
        using var cancel = new CancellationTokenSource();
        var batches = 0;
        var progress = new SyncProgressCallback(p =>
        {
            if (p.Phase is SyncPhase.Headers or SyncPhase.Bodies && p.Done > 0 && ++batches == cancelAfterBatches)
                cancel.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => account.SyncAsync(new SyncOptions { HeaderBatchSize = 150, BodyBatchSize = 100 }, progress, cancel.Token));
        var partial = await account.Cache.GetStatisticsAsync();
        var report = await account.SyncAsync();

        Assert.True(partial.Messages < mailbox.Messages.Count || partial.MessagesWithBody < mailbox.Messages.Count);
        await env.AssertCacheEqualsServerAsync(account);
        var stats = await account.Cache.GetStatisticsAsync();
        Assert.Equal(mailbox.Messages.Count, stats.Messages);
        Assert.Equal(mailbox.Messages.Count - partial.Messages, report.NewMessages);
        Assert.Equal(stats.Messages, stats.MessagesWithBody + await CountBodyFailuresAsync(account));
        // Words too: whichever phase the kill hit, every message is found by its subject.
        var sample = mailbox.Messages.Where(m => PlainSubject(m.Subject)).Take(40).ToList();
        Assert.NotEmpty(sample);
        foreach (var m in sample)
            Assert.Contains(await SubjectMatchesAsync(account, m.Subject), k => k.Folder == m.Folder && k.Uid == m.Uid);
        // The first sync builds its secondary indexes at the end of its header phase; killed before, the next one must.
        Assert.Equal(ExpectedIndexes(), await IndexNamesAsync(account));
    }

    [Fact]
    public async Task Mail_whose_body_phase_was_stopped_is_found_by_its_subject_after_the_next_header_only_sync()
    {
        var mailbox = DovecotAccount.Generate(600);
        await using var env = await DovecotAccount.StartAsync(mailbox);
        using var account = await env.OpenAsync();
        using var cancel = new CancellationTokenSource();
        var progress = new SyncProgressCallback(p =>
        {
            if (p.Phase == SyncPhase.Bodies)
                cancel.Cancel();
        });

        // A first sync stopped as soon as its body phase has stored one batch: the rest wait for their bodies to be indexed.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => account.SyncAsync(new SyncOptions { BodyBatchSize = 50 }, progress, cancel.Token));
        var waiting = (await account.Queries.SearchAsync("-has:body", new Mail.Query.QueryOptions { Limit = 1000 })).Messages.Select(m => m.Key).ToHashSet();
        var sample = mailbox.Messages
            .Where(m => waiting.Contains(new Mail.Query.MessageKey(m.Folder, m.Uid)) && PlainSubject(m.Subject))
            .Take(12)
            .ToList();
        Assert.NotEmpty(sample);
        foreach (var m in sample)
            Assert.DoesNotContain(await SubjectMatchesAsync(account, m.Subject), k => k.Folder == m.Folder && k.Uid == m.Uid);

        // A sync that fetches no bodies (the CLI's `sync --no-bodies`, the sync_now tool without bodies) indexes their headers.
        await account.SyncAsync(new SyncOptions { Bodies = false });
        foreach (var m in sample)
            Assert.Contains(await SubjectMatchesAsync(account, m.Subject), k => k.Folder == m.Folder && k.Uid == m.Uid);

        // The next full sync brings the bodies; subjects are still found, and nothing is left waiting.
        await account.SyncAsync();
        foreach (var m in sample)
            Assert.Contains(await SubjectMatchesAsync(account, m.Subject), k => k.Folder == m.Folder && k.Uid == m.Uid);
        var stats = await account.Cache.GetStatisticsAsync();
        Assert.Equal(mailbox.Messages.Count, stats.MessagesWithBody + await CountBodyFailuresAsync(account));
        await env.AssertCacheEqualsServerAsync(account);
    }

    /// <summary>A subject of plain words, safe to quote in a <c>subject:"…"</c> search.</summary>
    private static bool PlainSubject(string subject) => Regex.IsMatch(subject, "^[A-Za-z][A-Za-z ]{8,}$");

    private static async Task<List<Mail.Query.MessageKey>> SubjectMatchesAsync(MailAccount account, string subject) =>
        (await account.Queries.SearchAsync($"subject:\"{subject}\"", new Mail.Query.QueryOptions { Limit = 1000 })).Messages.Select(m => m.Key).ToList();

    [Fact]
    public async Task A_connection_dropped_by_the_server_is_retried_and_the_sync_completes()
    {
        var mailbox = DovecotAccount.Generate(900);
        await using var env = await DovecotAccount.StartAsync(mailbox);
        using var account = await env.OpenAsync();
        var kicked = 0;
        var progress = new SyncProgressCallback(p =>
        {
            if (p.Phase == SyncPhase.Headers && p.Done > 0 && Interlocked.Exchange(ref kicked, 1) == 0)
                env.Dovecot.KickAllAsync().GetAwaiter().GetResult();
        });

        var report = await account.SyncAsync(new SyncOptions { HeaderBatchSize = 100, InitialBackoff = TimeSpan.FromMilliseconds(50) }, progress);

        Assert.True(report.Retries >= 1);
        await env.AssertCacheEqualsServerAsync(account);
    }

    [Fact]
    public async Task Searches_keep_answering_while_a_sync_writes_and_totals_only_grow()
    {
        var mailbox = DovecotAccount.Generate(1500);
        await using var env = await DovecotAccount.StartAsync(mailbox);
        using var account = await env.OpenAsync();

        var sync = account.SyncAsync(new SyncOptions { HeaderBatchSize = 100, BodyBatchSize = 50 });
        var totals = new List<int>();
        while (!sync.IsCompleted)
        {
            totals.Add((await account.Queries.SearchAsync("")).Total);
            await account.Analytics.GetTopSendersAsync(DateTimeOffset.UnixEpoch, 5);
            await Task.Delay(10);
        }

        await sync;
        totals.Add((await account.Queries.SearchAsync("")).Total);
        Assert.Equal(totals.Order(), totals);
        Assert.Equal(mailbox.Messages.Count, totals[^1]);
    }

    [Fact]
    public async Task A_wrong_password_is_a_clear_authentication_error()
    {
        await using var env = await DovecotAccount.StartAsync(null);
        await env.Secrets.SetAsync("alex", Mail.Secrets.SecretKinds.Password, "wrong");
        using var account = await env.OpenAsync();

        var e = await Assert.ThrowsAsync<MailConnectionException>(() => account.SyncAsync());

        Assert.Equal(MailConnectionFailure.Authentication, e.Failure);
        Assert.Contains("set-password", e.Message, StringComparison.Ordinal);
    }

    private static List<string> ExpectedIndexes() =>
        [.. Regex.Matches(Mail.Internal.CacheSchema.Create, @"CREATE INDEX IF NOT EXISTS (\w+)").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal)];

    private static async Task<List<string>> IndexNamesAsync(MailAccount account)
    {
        await using var connection = new SqliteConnection($"Data Source={account.Cache.Path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%' ORDER BY name;";
        var names = new List<string>();
        using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            names.Add(reader.GetString(0));
        return names.Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<long> CountBodyFailuresAsync(MailAccount account)
    {
        var all = await account.Queries.SearchAsync("-has:body", new Mail.Query.QueryOptions { Limit = 1000 });
        return all.Total;
    }

    private static MimeMessage NewMessage(string subject)
    {
        var m = new MimeMessage();
        m.From.Add(new MailboxAddress("Newcomer", "newcomer@partner.example"));
        m.To.Add(new MailboxAddress("Alex Morgan", "alex.morgan@example.com"));
        m.Subject = subject;
        m.MessageId = Guid.NewGuid().ToString("N") + "@partner.example";
        m.Body = new TextPart("plain") { Text = "Hello " + subject };
        return m;
    }
}

/// <summary>Collects progress synchronously (Progress&lt;T&gt; would post to the thread pool and race the assertions).</summary>
internal sealed class SyncProgressList(List<SyncProgress> list) : IProgress<SyncProgress>
{
    public void Report(SyncProgress value)
    {
        lock (list)
            list.Add(value);
    }
}

internal sealed class SyncProgressCallback(Action<SyncProgress> action) : IProgress<SyncProgress>
{
    public void Report(SyncProgress value) => action(value);
}
