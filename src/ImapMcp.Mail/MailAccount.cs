using ImapMcp.Mail.Cache;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Query;
using ImapMcp.Mail.Secrets;
using ImapMcp.Mail.Sync;
using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImapMcp.Mail;

/// <summary>
/// One configured account, ready to use: its cache, the read-only queries and analytics over it, sync (one at a time),
/// and authenticated connections for actions. Hosts (the CLI, the MCP server) hold one per account.
/// </summary>
public sealed class MailAccount : IDisposable
{
    private readonly ISecretStore? _secrets;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly SemaphoreSlim _syncGate = new(1, 1);
    private SyncProgress? _lastProgress;
    private SyncReport? _lastReport;
    private DateTimeOffset? _lastCompleted;

    private MailAccount(AccountSettings settings, MailCache cache, ISecretStore? secrets, TimeProvider time, ILoggerFactory loggers)
    {
        Settings = settings;
        Cache = cache;
        _secrets = secrets;
        _time = time;
        _loggers = loggers;
        Queries = new MailQueries(cache, settings.Addresses, time);
        Analytics = new MailAnalytics(cache, settings.Addresses);
    }

    /// <summary>The account's validated settings.</summary>
    public AccountSettings Settings { get; }

    /// <summary>The local cache.</summary>
    public MailCache Cache { get; }

    /// <summary>Search, message, thread, unreplied, folders: from the cache only.</summary>
    public MailQueries Queries { get; }

    /// <summary>Sender analytics: from the cache only.</summary>
    public MailAnalytics Analytics { get; }

    /// <summary>Whether a sync is running now.</summary>
    public bool IsSyncing => _syncGate.CurrentCount == 0;

    /// <summary>The latest progress report of the running (or last) sync.</summary>
    public SyncProgress? LastProgress => Volatile.Read(ref _lastProgress);

    /// <summary>The report of the last completed sync in this process.</summary>
    public SyncReport? LastReport => Volatile.Read(ref _lastReport);

    /// <summary>When the last sync in this process completed.</summary>
    public DateTimeOffset? LastCompleted => _lastCompleted;

    /// <summary>Opens the account's cache (creating it on first use). No network traffic.</summary>
    public static async Task<MailAccount> OpenAsync(AccountSettings settings, ISecretStore? secrets, TimeProvider? timeProvider = null, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Encrypt)
            throw new ConfigurationException("encrypt", "cache encryption is not available in this build yet", "set \"encrypt\": false for now; see docs/imap-mcp-encryption.md for the design");
        var cache = await MailCache.OpenAsync(settings.CachePath, cancellationToken).ConfigureAwait(false);
        return new MailAccount(settings, cache, secrets, timeProvider ?? TimeProvider.System, loggers ?? NullLoggerFactory.Instance);
    }

    /// <summary>Sync state and cache freshness, for a status display. Reads the cache only.</summary>
    public async Task<AccountStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var stats = await Cache.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        return new AccountStatus(
            Settings.Name,
            $"{Settings.Host}:{Settings.Port}",
            IsSyncing,
            IsSyncing ? LastProgress : null,
            LastReport,
            LastCompleted,
            stats,
            stats.LastSynced is { } last ? _time.GetUtcNow() - last : null);
    }

    /// <summary>An authenticated IMAP client for this account (password from the keychain or the environment); the caller disposes it.</summary>
    public async Task<ImapClient> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var password = await AccountPasswords.GetAsync(Settings, _secrets, cancellationToken).ConfigureAwait(false);
        return await ImapConnector.ConnectAsync(Settings, password, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Syncs the cache with the server. A second caller waits for the running sync instead of starting another.</summary>
    public async Task<SyncReport> SyncAsync(SyncOptions? options = null, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await _syncGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var tracking = new Tracking(this, progress);
            var synchronizer = new MailSynchronizer(Settings, Cache, ConnectAsync, _time, _loggers.CreateLogger("ImapMcp.Mail.Sync"));
            var report = await synchronizer.SyncAsync(options, tracking, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _lastReport, report);
            _lastCompleted = _time.GetUtcNow();
            return report;
        }
        finally
        {
            _syncGate.Release();
        }
    }

    /// <summary>
    /// Keeps INBOX live until cancelled: IDLE on it (re-issued every 9 minutes) and sync INBOX whenever the server reports
    /// new, changed or expunged mail; without IDLE, sync INBOX every minute. Dropped connections reconnect with backoff.
    /// </summary>
    public async Task WatchInboxAsync(IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var inboxOnly = new SyncOptions { Folders = ["INBOX"] };
        var backoff = TimeSpan.FromSeconds(1);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await SyncAsync(inboxOnly, progress, cancellationToken).ConfigureAwait(false);
                using var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
                if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
                {
                    await Task.Delay(TimeSpan.FromMinutes(1), _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var inbox = client.Inbox;
                await inbox.OpenAsync(FolderAccess.ReadOnly, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromSeconds(1);
                while (true)
                {
                    using var done = new CancellationTokenSource(TimeSpan.FromMinutes(9), _time);
                    var changed = 0;
                    void OnChange(object? sender, EventArgs e)
                    {
                        Interlocked.Exchange(ref changed, 1);
                        done.Cancel();
                    }

                    inbox.CountChanged += OnChange;
                    inbox.MessageExpunged += OnChange;
                    inbox.MessageFlagsChanged += OnChange;
                    try
                    {
                        await client.IdleAsync(done.Token, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        inbox.CountChanged -= OnChange;
                        inbox.MessageExpunged -= OnChange;
                        inbox.MessageFlagsChanged -= OnChange;
                    }

                    if (Volatile.Read(ref changed) == 1)
                        await SyncAsync(inboxOnly, progress, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is IOException or ImapProtocolException or ServiceNotConnectedException or System.Net.Sockets.SocketException
                                      or MailConnectionException { IsTransient: true })
            {
                await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromMinutes(5).Ticks));
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _syncGate.Dispose();

    private sealed class Tracking(MailAccount account, IProgress<SyncProgress>? inner) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value)
        {
            Volatile.Write(ref account._lastProgress, value);
            inner?.Report(value);
        }
    }
}
