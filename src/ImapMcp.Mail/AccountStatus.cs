using ImapMcp.Mail.Cache;
using ImapMcp.Mail.Sync;

namespace ImapMcp.Mail;

/// <summary>
/// What a host shows for "account status": whether a sync runs and how far it is, what the last one did, and how much
/// the cache holds and how fresh it is (<see cref="CacheStatistics.LastSynced"/> survives restarts).
/// </summary>
public sealed record AccountStatus(
    string Account,
    string Server,
    bool Syncing,
    SyncProgress? Progress,
    SyncReport? LastReport,
    DateTimeOffset? LastCompletedInThisProcess,
    CacheStatistics Cache,
    TimeSpan? Age);
