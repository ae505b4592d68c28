using ImapMcp.Mail.Tests.Support;
using MimeKit;
using TestHarness.Mail;

namespace ImapMcp.Mail.Tests.Integration;

public sealed class WatchInboxTests
{
    [Fact]
    public async Task Mail_arriving_while_watching_appears_in_the_cache_without_asking()
    {
        await using var env = await DovecotAccount.StartAsync(DovecotAccount.Generate(100));
        using var account = await env.OpenAsync();
        await account.SyncAsync();
        using var stop = new CancellationTokenSource();
        var watching = account.WatchInboxAsync(cancellationToken: stop.Token);
        await WaitUntilAsync(async () => (await account.Cache.GetStatisticsAsync()).Messages > 0 && !account.IsSyncing);

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Early Bird", "bird@partner.example"));
        message.To.Add(new MailboxAddress("Alex", "alex.morgan@example.com"));
        message.Subject = "Arrived while you were watching";
        message.Body = new TextPart("plain") { Text = "tweet" };
        await env.Dovecot.AppendAsync("INBOX", message);
        await env.Dovecot.SetFlagsAsync("INBOX", [1], MailFlags.Flagged);

        await WaitUntilAsync(async () => (await account.Queries.SearchAsync("subject:\"while you were watching\"")).Total == 1
                                         && (await account.Queries.SearchAsync("is:flagged folder:INBOX")).Messages.Any(m => m.Key.Uid == 1));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);
        await env.AssertCacheEqualsServerAsync(account);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        // A generous limit: this waits for an event, it does not measure how fast it comes.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await condition())
            await Task.Delay(50, limit.Token);
    }
}
