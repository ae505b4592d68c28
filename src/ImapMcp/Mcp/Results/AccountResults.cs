namespace ImapMcp.Mcp.Results;

internal sealed record AccountInfo(string Name, string Server, string UserName, IReadOnlyList<string> Addresses, string Cache, string Bodies, string BackgroundSync, Freshness Freshness);

internal sealed record AccountList(IReadOnlyList<AccountInfo> Accounts, bool WriteToolsEnabled);

internal sealed record SyncState(bool Running, string? Phase, string? Folder, int? FolderIndex, int? FolderCount, long? Done, long? Total, double? MessagesPerSecond);

internal sealed record LastSyncReport(int Folders, long NewMessages, long FlagUpdates, long Expunged, long Bodies, int FolderResets, int Retries, IReadOnlyList<string> Problems, double ElapsedSeconds);

internal sealed record AccountStatusResult(
    string Account,
    string Server,
    string Connection,
    string BackgroundSync,
    SyncState Sync,
    LastSyncReport? LastReport,
    int CachedFolders,
    long CachedMessages,
    long MessagesWithBody,
    long CacheBytes,
    DateTimeOffset? OldestMessage,
    DateTimeOffset? NewestMessage,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    Freshness Freshness);

internal sealed record SyncResult(string Account, LastSyncReport Report, long CachedMessages, Freshness Freshness);

/// <summary>Dates held in full, whole UTC days: Since inclusive, Before exclusive; null Since = from the first message, null Before = up to now.</summary>
internal sealed record DateSpan(DateTimeOffset? Since, DateTimeOffset? Before);

internal sealed record FolderRanges(string Folder, IReadOnlyList<DateSpan> Complete);

internal sealed record LoadMailResult(string Account, string Range, LastSyncReport Sync, int MessagesInRange, int MessagesWithoutBody, IReadOnlyList<FolderRanges> Folders, Freshness Freshness);
