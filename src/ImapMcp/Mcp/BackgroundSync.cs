using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Sync;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImapMcp.Mcp;

/// <summary>
/// Keeps every account's cache fresh while the server runs: a full sync at start and every few minutes, INBOX watched
/// live (IDLE) in between. Failures are recorded in the account's status, retried with backoff, and never stop the server.
/// </summary>
internal sealed partial class BackgroundSync(AccountsOpening opening, ILogger<BackgroundSync> log) : BackgroundService
{
    private AccountRegistry _registry = null!;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host (and so the MCP handshake) start before any network traffic.
        await Task.Yield();
        if (!await opening.Task.ContinueWith(t => t.IsCompletedSuccessfully, stoppingToken, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false))
            return; // the host reports why and stops
        _registry = opening.Task.Result;
        if (!_registry.Options.BackgroundSync)
        {
            foreach (var a in _registry.Accounts)
                a.BackgroundState = "off (started with --no-sync; call sync_now)";
            return;
        }

        await Task.WhenAll(_registry.Accounts.Select(a => KeepFreshAsync(a, stoppingToken))).ConfigureAwait(false);
    }

    private async Task KeepFreshAsync(ServedAccount served, CancellationToken stop)
    {
        var time = _registry.Time;
        var backoff = TimeSpan.FromSeconds(5);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                served.BackgroundState = "syncing";
                await served.Account.SyncAsync(null, null, stop).ConfigureAwait(false);
                served.ClearFailure();
                backoff = TimeSpan.FromSeconds(5);
                served.BackgroundState = "watching INBOX";
                using var round = CancellationTokenSource.CreateLinkedTokenSource(stop);
                var watch = served.Account.WatchInboxAsync(null, round.Token);
                var resync = Task.Delay(TimeSpan.FromMinutes(_registry.Options.ResyncMinutes), time, round.Token);
                var first = await Task.WhenAny(watch, resync).ConfigureAwait(false);
                await round.CancelAsync().ConfigureAwait(false);
                try
                {
                    await Task.WhenAll(watch, resync).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                }

                if (first == watch)
                    await watch.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                served.RecordFailure(e);
                var permanent = e is MailConnectionException { IsTransient: false } or ConfigurationException;
                served.BackgroundState = permanent ? "failed (fix the cause, then call sync_now)" : $"failed, retrying in {backoff.TotalSeconds:0} s";
                LogSyncFailed(served.Name, e.Message);
                if (permanent)
                    return;
                try
                {
                    await Task.Delay(backoff, time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromMinutes(10).Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background sync of '{Account}' failed: {Problem}")]
    private partial void LogSyncFailed(string account, string problem);
}
