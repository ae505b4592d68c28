using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Internal.Imap;
using ImapMcp.Mail.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImapMcp.Mail.Tests.Sync;

/// <summary>The lean session against scripted transcripts: login choice, interleaved responses, refusals and bad data.</summary>
public sealed class LeanImapSessionTests
{
    private const string Header = "Subject: one\r\n\r\n";

    private static AccountSettings Account(int port) => MailConfiguration.Parse($$"""
        { "accounts": [ { "name": "t", "host": "127.0.0.1", "port": {{port}}, "security": "none", "username": "ana",
                          "addresses": ["ana@example.com"], "cache": "{{Path.Combine(Path.GetTempPath(), "unused.db")}}" } ] }
        """).Accounts[0];

    private static string Answer(string command) => command switch
    {
        _ when command.StartsWith("AUTHENTICATE PLAIN ", StringComparison.Ordinal) => "{tag} OK [CAPABILITY IMAP4rev1 CONDSTORE] Logged in\r\n",
        _ when command.StartsWith("LOGIN ", StringComparison.Ordinal) => "{tag} OK Logged in\r\n",
        "EXAMINE \"INBOX\"" => "* 3 EXISTS\r\n* OK [UIDVALIDITY 1700000001] UIDs valid\r\n* OK [UIDNEXT 40] Predicted next UID\r\n{tag} OK [READ-ONLY] Examine completed\r\n",
        "EXAMINE \"Re&AOc-us\"" => "{tag} NO Mailbox doesn't exist: Reçus\r\n",
        _ when command.StartsWith("UID FETCH 1:39 ", StringComparison.Ordinal) =>
            $"* 1 FETCH (UID 10 FLAGS (\\Seen) BODY[HEADER.FIELDS (SUBJECT)] {{{Header.Length}}}\r\n{Header})\r\n" +
            "* 4 EXISTS\r\n* 2 EXPUNGE\r\n* 1 FETCH (FLAGS (\\Seen \\Flagged))\r\n* 1 FETCH (UID 10 FLAGS (\\Seen \\Flagged))\r\n" +
            $"* 2 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {{{Header.Length}}}\r\n{Header} UID 30)\r\n" +
            "{tag} OK Fetch completed\r\n",
        _ when command.StartsWith("UID FETCH 40:50 ", StringComparison.Ordinal) =>
            $"* 1 FETCH (UID 40 BODY[HEADER.FIELDS (SUBJECT)] {{{Header.Length}}}\r\n{Header})\r\n* 2 FETCH (UID 41 FLAGS (\\Seen\r\n" +
            $"* 3 FETCH (UID 42 BODY[HEADER.FIELDS (SUBJECT)] {{{Header.Length}}}\r\n{Header})\r\n{{tag}} OK Fetch completed\r\n",
        _ when command.StartsWith("UID FETCH 60:70 ", StringComparison.Ordinal) => "{tag} BAD Error in IMAP command UID FETCH: Invalid messageset\r\n",
        _ when command.StartsWith("UID FETCH 80:90 ", StringComparison.Ordinal) => "* 1 FETCH (UID 80 FLAGS ())\r\n",
        _ => "{tag} BAD unexpected\r\n",
    };

    [Fact]
    public async Task Plain_login_then_only_fetches_with_uid_and_headers_reach_the_caller_whatever_comes_between()
    {
        await using var server = new ScriptedImapServer("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready", Answer);
        await using var session = await LeanImapSession.TryOpenAsync(Account(server.Port), "secret", NullLogger.Instance, CancellationToken.None);
        Assert.NotNull(session);

        Assert.Equal(1700000001u, await session.ExamineAsync("INBOX", CancellationToken.None));
        var seen = new List<(uint, int)>();
        await session.FetchAsync("1:39", "(UID FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])", m => seen.Add((m.Uid, m.Flags)), CancellationToken.None);

        Assert.Equal([(10u, 1), (30u, 0)], seen);
        Assert.StartsWith("AUTHENTICATE PLAIN AGFuYQBzZWNyZXQ=", server.Commands[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task LOGIN_when_PLAIN_is_not_offered_and_no_session_when_neither_is()
    {
        await using (var server = new ScriptedImapServer("* OK [CAPABILITY IMAP4rev1] ready", Answer))
        await using (var session = await LeanImapSession.TryOpenAsync(Account(server.Port), "se\"cret", NullLogger.Instance, CancellationToken.None))
        {
            Assert.NotNull(session);
            Assert.Equal("LOGIN \"ana\" \"se\\\"cret\"", server.Commands[0]);
        }

        await using (var server = new ScriptedImapServer("* OK [CAPABILITY IMAP4rev1 LOGINDISABLED AUTH=GSSAPI] ready", Answer))
            Assert.Null(await LeanImapSession.TryOpenAsync(Account(server.Port), "secret", NullLogger.Instance, CancellationToken.None));
    }

    [Fact]
    public async Task Refusals_carry_the_servers_text_and_a_broken_fetch_fails_only_after_the_command_completed()
    {
        await using var server = new ScriptedImapServer("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready", Answer);
        await using var session = await LeanImapSession.TryOpenAsync(Account(server.Port), "secret", NullLogger.Instance, CancellationToken.None);
        Assert.NotNull(session);

        var missing = await Assert.ThrowsAsync<LeanImapCommandException>(() => session.ExamineAsync("Reçus", CancellationToken.None));
        Assert.Contains("NO Mailbox doesn't exist: Reçus", missing.Message, StringComparison.Ordinal);
        var bad = await Assert.ThrowsAsync<LeanImapCommandException>(() => session.FetchAsync("60:70", "(UID)", _ => { }, CancellationToken.None));
        Assert.Contains("BAD Error in IMAP command UID FETCH: Invalid messageset", bad.Message, StringComparison.Ordinal);

        var delivered = new List<uint>();
        await Assert.ThrowsAsync<FormatException>(() => session.FetchAsync("40:50", "(UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])", m => delivered.Add(m.Uid), CancellationToken.None));
        Assert.Equal([40u, 42u], delivered);

        // The connection is still in step: the next command gets its own answer.
        Assert.Equal(1700000001u, await session.ExamineAsync("INBOX", CancellationToken.None));
    }

    [Fact]
    public async Task A_server_that_closes_mid_fetch_is_an_io_error_the_sync_retries()
    {
        await using var server = new ScriptedImapServer("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready", c => c.StartsWith("UID FETCH 80:90", StringComparison.Ordinal) ? "" : Answer(c));
        await using var session = await LeanImapSession.TryOpenAsync(Account(server.Port), "secret", NullLogger.Instance, CancellationToken.None);
        Assert.NotNull(session);

        await Assert.ThrowsAsync<IOException>(() => session.FetchAsync("80:90", "(UID FLAGS)", _ => { }, CancellationToken.None));
    }
}
