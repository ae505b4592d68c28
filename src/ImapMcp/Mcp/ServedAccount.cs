using System.Globalization;
using ImapMcp.Mail;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Query;
using ImapMcp.Mail.Sync;
using ModelContextProtocol;

namespace ImapMcp.Mcp;

/// <summary>One account as the server holds it: the open engine account, the background sync's state, and cheap cached facts (folder names, last sync).</summary>
internal sealed class ServedAccount : IDisposable
{
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _folderGate = new(1, 1);
    private IReadOnlyList<FolderSummary>? _folders;
    private DateTimeOffset? _foldersAt;
    private DateTimeOffset? _persistedLastSync;
    private bool _persistedLoaded;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;

    public ServedAccount(MailAccount account, TimeProvider time)
    {
        Account = account;
        _time = time;
    }

    public MailAccount Account { get; }

    public string Name => Account.Settings.Name;

    /// <summary>What the background sync is doing: "starting", "syncing", "watching INBOX", "off", "failed".</summary>
    public string BackgroundState { get; set; } = "starting";

    public string? LastError => Volatile.Read(ref _lastError);

    public DateTimeOffset? LastErrorAt => _lastErrorAt;

    public void RecordFailure(Exception e)
    {
        _lastErrorAt = _time.GetUtcNow();
        Volatile.Write(ref _lastError, e.Message);
    }

    public void ClearFailure() => Volatile.Write(ref _lastError, null);

    /// <summary>When the account was last synced: in this process, else as the cache remembers it.</summary>
    public async ValueTask<DateTimeOffset?> LastSyncedAsync(CancellationToken cancellationToken)
    {
        if (Account.LastCompleted is { } done)
            return done;
        if (!_persistedLoaded)
        {
            var folders = await FoldersAsync(cancellationToken).ConfigureAwait(false);
            _persistedLastSync = folders.Max(f => f.LastSynced);
            _persistedLoaded = true;
        }

        return _persistedLastSync;
    }

    public async Task<Freshness> FreshnessAsync(CancellationToken cancellationToken)
    {
        var last = await LastSyncedAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        long? age = last is { } l ? (long)Math.Max(0, (now - l).TotalSeconds) : null;
        var syncing = Account.IsSyncing;
        var progress = syncing && Account.LastProgress is { } p ? Describe(p) : null;
        var error = LastError;
        var summary = (last is { } t
                ? string.Create(CultureInfo.InvariantCulture, $"Cache of '{Name}' last synced {t.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({Ago(age!.Value)})")
                : $"Cache of '{Name}' never synced yet")
            + (syncing ? $"; syncing now ({progress ?? "starting"}), newer mail may be missing" : "")
            // New mail's words are indexed with its body (see CacheWriter.StoreHeadersAsync): until then it is found by sender, date and folder, not by words.
            + (syncing && Account.LastProgress is { Phase: SyncPhase.Bodies } ? ", and words in mail whose text is still downloading are not searchable yet" : "")
            + (error is not null ? $"; the last background sync failed: {error}" : "")
            + ".";
        return new Freshness(Name, last, age, syncing, progress, error, summary);
    }

    /// <summary>The cached folders; re-read after each completed sync (and at most every 30 s while one runs).</summary>
    public async Task<IReadOnlyList<FolderSummary>> FoldersAsync(CancellationToken cancellationToken)
    {
        await _folderGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var stale = _folders is null || _foldersAt is null
                || (Account.LastCompleted is { } done && done > _foldersAt)
                || (Account.IsSyncing && now - _foldersAt > TimeSpan.FromSeconds(30));
            if (stale)
            {
                _folders = await Account.Queries.GetFoldersAsync(cancellationToken).ConfigureAwait(false);
                _foldersAt = now;
            }

            return _folders!;
        }
        finally
        {
            _folderGate.Release();
        }
    }

    /// <summary>Forgets the cached folder list, so the next read sees folders a write tool just created, renamed or deleted.</summary>
    public void InvalidateFolders() => _foldersAt = null;

    /// <summary>The folder's full name as cached, matching the query language (full name, last segment or role); an McpException naming the closest ones otherwise.</summary>
    public async Task<string> ResolveFolderAsync(string name, CancellationToken cancellationToken)
    {
        var folders = await FoldersAsync(cancellationToken).ConfigureAwait(false);
        var match = folders.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? folders.FirstOrDefault(f => string.Equals(Internal.Suggestions.LastSegment(f.Name), name, StringComparison.OrdinalIgnoreCase))
            ?? folders.FirstOrDefault(f => f.Role != FolderRole.None && string.Equals(f.Role.ToString(), name, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
            return match.Name;
        if (folders.Count == 0)
            throw new McpException($"There is no folder '{name}': the cache of '{Name}' holds no folders yet. Call account_status to see the sync's progress, or sync_now.");
        var close = Internal.Suggestions.Closest(name, folders.Select(f => f.Name));
        throw new McpException($"There is no folder '{name}' in '{Name}'. Closest: {string.Join(", ", close.Select(c => "'" + c + "'"))}. Call list_folders for all {folders.Count} folders.");
    }

    /// <summary>Parses a <c>Folder:Uid</c> key and checks its folder exists.</summary>
    public async Task<MessageKey> ParseKeyAsync(string key, CancellationToken cancellationToken)
    {
        if (!MessageKey.TryParse(key?.Trim(), out var parsed))
            throw new McpException($"'{key}' is not a message key. Keys are written Folder:Uid exactly as search, get_thread and unreplied return them, e.g. 'INBOX:4711' or 'Archive/Old/Misc:12'.");
        var folder = await ResolveFolderAsync(parsed.Folder, cancellationToken).ConfigureAwait(false);
        return parsed with { Folder = folder };
    }

    /// <summary>
    /// The message a <c>Folder:Uid</c> key names (its folder resolved as <see cref="ParseKeyAsync"/> does; the resolved
    /// key is <c>Summary.Key</c>): from the cache, or with <paramref name="download"/> its body fetched from the server
    /// when the cache has none. An McpException for a malformed key, an unknown folder or a message not cached.
    /// </summary>
    public async Task<MessageDetails> GetMessageByKeyAsync(string key, bool download, CancellationToken cancellationToken)
    {
        var parsed = await ParseKeyAsync(key, cancellationToken).ConfigureAwait(false);
        return await GetMessageAsync(parsed, download, cancellationToken).ConfigureAwait(false);
    }

    private async Task<MessageDetails> GetMessageAsync(MessageKey key, bool download, CancellationToken cancellationToken)
    {
        var message = download
            ? await Account.LoadMessageAsync(key, cancellationToken).ConfigureAwait(false)
            : await Account.Queries.GetMessageAsync(key, cancellationToken).ConfigureAwait(false);
        return message ?? throw new McpException($"No message {key} in the cache of '{Name}': the UID may be wrong, or the message was moved or deleted since. Search again to get current keys (Folder:Uid).");
    }

    public static string Describe(SyncProgress p) =>
        p.Phase switch
        {
            SyncPhase.Connecting => "connecting",
            SyncPhase.Done => "finishing",
            SyncPhase.Retrying => "reconnecting after a dropped connection",
            _ => string.Create(CultureInfo.InvariantCulture, $"{p.Phase.ToString().ToLowerInvariant()} of {p.Folder} (folder {p.FolderIndex + 1} of {p.FolderCount}, {p.Done:N0}/{p.Total:N0})"),
        };

    public static string Ago(long seconds) => seconds switch
    {
        < 90 => $"{seconds} s ago",
        < 5400 => $"{seconds / 60} min ago",
        < 172800 => $"{seconds / 3600} h ago",
        _ => $"{seconds / 86400} days ago",
    };

    public void Dispose()
    {
        Account.Dispose();
        _folderGate.Dispose();
    }
}
