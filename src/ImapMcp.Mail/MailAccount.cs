using ImapMcp.Mail.Actions;
using ImapMcp.Mail.Cache;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Internal;
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
        Actions = new MailActions(this, cache, time);
    }

    /// <summary>The account's validated settings.</summary>
    public AccountSettings Settings { get; }

    /// <summary>The local cache.</summary>
    public MailCache Cache { get; }

    /// <summary>Search, message, thread, unreplied, folders: from the cache only.</summary>
    public MailQueries Queries { get; }

    /// <summary>Sender analytics: from the cache only.</summary>
    public MailAnalytics Analytics { get; }

    /// <summary>Folders, message actions as plans with undo, the journal, drafts: the only writes to the server besides sync.</summary>
    public MailActions Actions { get; }

    /// <summary>Whether a sync is running now.</summary>
    public bool IsSyncing => _syncGate.CurrentCount == 0;

    /// <summary>The latest progress report of the running (or last) sync.</summary>
    public SyncProgress? LastProgress => Volatile.Read(ref _lastProgress);

    /// <summary>The report of the last completed sync in this process.</summary>
    public SyncReport? LastReport => Volatile.Read(ref _lastReport);

    /// <summary>When the last sync in this process completed.</summary>
    public DateTimeOffset? LastCompleted => _lastCompleted;

    /// <summary>
    /// Opens the account's cache (creating it on first use). No network traffic. With <c>"encrypt": true</c> the cache key
    /// comes from <paramref name="secrets"/> (created there on first use); a <see cref="CacheException"/> says what to do
    /// when the key is missing or the cache was written the other way (encrypted or not).
    /// </summary>
    public static async Task<MailAccount> OpenAsync(AccountSettings settings, ISecretStore? secrets, TimeProvider? timeProvider = null, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        CacheKeys? keys = null;
        if (settings.Encrypt)
        {
            keys = new CacheKeys(secrets ?? throw new ConfigurationException("encrypt", "\"encrypt\": true needs the OS keychain for the cache key, and none is available here",
                "run where the keychain (Secret Service, macOS Keychain, Windows Credential Manager) is available, or set \"encrypt\": false"), settings.Name);
        }

        var cache = await MailCache.OpenAsync(settings.CachePath, keys, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// A message with its text body, downloading the body now when the body policy has not (old mail under a
    /// <c>90d</c> policy, or sync not yet there). Null when the message is not cached; unchanged when the server no longer has it.
    /// </summary>
    public async Task<MessageDetails?> LoadMessageAsync(MessageKey key, CancellationToken cancellationToken = default)
    {
        var cached = await Queries.GetMessageAsync(key, cancellationToken).ConfigureAwait(false);
        if (cached is null || cached.BodyAvailable)
            return cached;
        using var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var folder = await client.GetFolderAsync(key.Folder, cancellationToken).ConfigureAwait(false);
        await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken).ConfigureAwait(false);
        MimeKit.MimeMessage message;
        try
        {
            message = await folder.GetMessageAsync(new UniqueId(key.Uid), cancellationToken).ConfigureAwait(false);
        }
        catch (MessageNotFoundException)
        {
            return cached;
        }

        var writer = await CacheWriter.OpenAsync(Cache, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            var state = (await writer.GetFoldersAsync(cancellationToken).ConfigureAwait(false)).Single(f => f.Name == key.Folder);
            await writer.StoreBodiesAsync(state.Id, [new BodyRecord(key.Uid, BodyText.Of(message), null)], cancellationToken).ConfigureAwait(false);
        }

        await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
        return await Queries.GetMessageAsync(key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes one attachment's decoded content to <paramref name="destination"/>, fetched from the server on demand
    /// (attachments are never cached). Throws <see cref="ArgumentException"/> naming the message's attachments when
    /// <paramref name="partSpecifier"/> is not one of them, or when it is larger than <paramref name="maxBytes"/>.
    /// </summary>
    public async Task<AttachmentInfo> SaveAttachmentAsync(MessageKey key, string partSpecifier, Stream destination, long maxBytes = 25 * 1024 * 1024, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var cached = await Queries.GetMessageAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException($"{key} is not in the cache.", nameof(key));
        var attachment = cached.Attachments.FirstOrDefault(a => a.PartSpecifier == partSpecifier)
            ?? throw new ArgumentException(cached.Attachments.Count == 0
                ? $"{key} has no attachments."
                : $"{key} has no attachment at part {partSpecifier}; its attachments are {string.Join(", ", cached.Attachments.Select(a => $"{a.PartSpecifier} ({a.FileName})"))}.", nameof(partSpecifier));
        if (attachment.Size > maxBytes)
            throw new ArgumentException($"{attachment.FileName} is {attachment.Size:N0} bytes, over the limit of {maxBytes:N0}.", nameof(maxBytes));

        using var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var folder = (ImapFolder)await client.GetFolderAsync(key.Folder, cancellationToken).ConfigureAwait(false);
        await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken).ConfigureAwait(false);
        var entity = await folder.GetBodyPartAsync(new UniqueId(key.Uid), partSpecifier, cancellationToken).ConfigureAwait(false);
        switch (entity)
        {
            case MimeKit.MimePart { Content: not null } part:
                await part.Content.DecodeToAsync(destination, cancellationToken).ConfigureAwait(false);
                break;
            case MimeKit.MessagePart { Message: not null } inner:
                await inner.Message.WriteToAsync(destination, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentException($"Part {partSpecifier} of {key} holds no content.", nameof(partSpecifier));
        }

        await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
        return attachment;
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
            var synchronizer = new MailSynchronizer(Settings, Cache, ConnectAsync, ct => AccountPasswords.GetAsync(Settings, _secrets, ct), _time, _loggers.CreateLogger("ImapMcp.Mail.Sync"));
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
    public void Dispose()
    {
        Actions.Dispose();
        _syncGate.Dispose();
    }

    private sealed class Tracking(MailAccount account, IProgress<SyncProgress>? inner) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value)
        {
            Volatile.Write(ref account._lastProgress, value);
            inner?.Report(value);
        }
    }
}
