using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Internal.Imap;
using ImapMcp.Mail.Sync;
using ImapMcp.Mail.Tests.Support;
using MailKit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImapMcp.Mail.Tests.Integration;

/// <summary>The lean header FETCH against a real Dovecot: the same cache as MailKit's path, and the same resilience.</summary>
public sealed class LeanFetchTests
{
    private const int LeanUnavailable = 40;
    private const int LeanSkipped = 41;
    private const int LeanUsed = 42;

    [Fact]
    public async Task The_lean_path_and_MailKit_fill_identical_caches_from_the_generated_mailbox()
    {
        var mailbox = DovecotAccount.Generate(1200, seed: 5);
        await using var env = await DovecotAccount.StartAsync(mailbox);
        var leanLog = new RecordingLoggerFactory();
        var mailKitLog = new RecordingLoggerFactory();
        using var lean = await MailAccount.OpenAsync(env.Settings, env.Secrets, loggers: leanLog);
        using var mailKit = await MailAccount.OpenAsync(SecondCache(env), env.Secrets, loggers: mailKitLog);

        // No bodies: the header FETCH then carries BODYSTRUCTURE, so the attachment lists come from it on both paths.
        var leanReport = await lean.SyncAsync(new SyncOptions { Bodies = false, HeaderBatchSize = 250 });
        var mailKitReport = await mailKit.SyncAsync(new SyncOptions { Bodies = false, HeaderBatchSize = 250, MailKitHeaders = true });

        Assert.Contains(leanLog.Events, e => e.Id == LeanUsed);
        Assert.DoesNotContain(leanLog.Events, e => e.Id is LeanUnavailable or LeanSkipped);
        Assert.DoesNotContain(mailKitLog.Events, e => e.Id == LeanUsed);
        Assert.Equal(mailbox.Messages.Count, leanReport.NewMessages);
        Assert.Equal(mailKitReport.NewMessages, leanReport.NewMessages);
        Assert.Equal(mailKitReport.Problems.Count, leanReport.Problems.Count);

        var expected = await DumpAsync(mailKit.Settings.CachePath);
        var actual = await DumpAsync(lean.Settings.CachePath);
        Assert.Equal(expected.Count, actual.Count);
        Assert.True(expected.Count > mailbox.Messages.Count, "the dump holds message rows and reference rows");
        Assert.Contains(expected, row => row.Contains("attachments=[{", StringComparison.Ordinal));
        for (var i = 0; i < expected.Count; i++)
            Assert.Equal(expected[i], actual[i]);
        await env.AssertCacheEqualsServerAsync(lean);
    }

    [Fact]
    public async Task A_server_that_drops_the_lean_connection_mid_fetch_is_retried_and_the_cache_equals_the_server()
    {
        var mailbox = DovecotAccount.Generate(900);
        await using var env = await DovecotAccount.StartAsync(mailbox);
        var log = new RecordingLoggerFactory();
        using var account = await MailAccount.OpenAsync(env.Settings, env.Secrets, loggers: log);
        var kicked = 0;
        var progress = new SyncProgressCallback(p =>
        {
            // Reported by the writer stage while the next batch is being fetched: the kick lands mid-FETCH.
            if (p.Phase == SyncPhase.Headers && p.Done > 0 && Interlocked.Exchange(ref kicked, 1) == 0)
                env.Dovecot.KickAllAsync().GetAwaiter().GetResult();
        });

        var report = await account.SyncAsync(new SyncOptions { Bodies = false, HeaderBatchSize = 100, InitialBackoff = TimeSpan.FromMilliseconds(50) }, progress);

        Assert.True(report.Retries >= 1);
        Assert.Contains(log.Events, e => e.Id == LeanUsed);
        Assert.DoesNotContain(log.Events, e => e.Id is LeanUnavailable or LeanSkipped);
        Assert.Equal(mailbox.Messages.Count, (await account.Cache.GetStatisticsAsync()).Messages);
        await env.AssertCacheEqualsServerAsync(account);
    }

    [Fact]
    public async Task The_lean_session_sees_MailKits_UIDVALIDITY_and_reports_a_refused_command_with_the_servers_text()
    {
        await using var env = await DovecotAccount.StartAsync(DovecotAccount.Generate(100));
        await using var session = await LeanImapSession.TryOpenAsync(env.Settings, env.Dovecot.Password, NullLogger.Instance, CancellationToken.None);
        Assert.NotNull(session);
        using var client = await env.Dovecot.ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);

        Assert.Equal(client.Inbox.UidValidity, await session.ExamineAsync("INBOX", CancellationToken.None));
        var fetched = new List<uint>();
        await session.FetchAsync("1:*", "(UID FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])", m => fetched.Add(m.Uid), CancellationToken.None);
        Assert.Equal(client.Inbox.Count, fetched.Count);

        var missing = await Assert.ThrowsAsync<LeanImapCommandException>(() => session.ExamineAsync("No/Such/Folder", CancellationToken.None));
        Assert.Contains("NO", missing.Message, StringComparison.Ordinal);
        var bad = await Assert.ThrowsAsync<LeanImapCommandException>(() => session.FetchAsync("1:*", "(BOGUS)", _ => { }, CancellationToken.None));
        Assert.Contains("BAD", bad.Message, StringComparison.Ordinal);
    }

    private static AccountSettings SecondCache(DovecotAccount env)
    {
        var s = env.Settings;
        var owner = string.Join("\", \"", s.Addresses);
        var config = MailConfiguration.Parse($$"""
            { "accounts": [ { "name": "{{s.Name}}", "host": "{{s.Host}}", "port": {{s.Port}}, "security": "none",
                              "username": "{{s.UserName}}", "addresses": ["{{owner}}"], "bodies": "all", "headers": "all",
                              "cache": "{{Path.Combine(Path.GetDirectoryName(s.CachePath)!, "mailkit.db")}}", "encrypt": false } ] }
            """);
        return config.Accounts[0];
    }

    /// <summary>Every column of every message row (without the row and folder ids, which are the cache's own) and every reference, in a fixed order.</summary>
    private static async Task<List<string>> DumpAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        var rows = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT f.name AS folder_name, m.* FROM messages m JOIN folders f ON f.id = m.folder_id ORDER BY f.name, m.uid";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var cells = new List<string>();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var name = reader.GetName(i);
                    if (name is "id" or "folder_id")
                        continue;
                    cells.Add(name + "=" + (reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));
                }

                rows.Add(string.Join(" | ", cells));
            }
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT f.name, m.uid, r.ref FROM message_refs r JOIN messages m ON m.id = r.message JOIN folders f ON f.id = m.folder_id ORDER BY f.name, m.uid, r.rowid";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add($"ref {reader.GetString(0)}:{reader.GetInt64(1)} {reader.GetString(2)}");
        }

        return rows;
    }
}
