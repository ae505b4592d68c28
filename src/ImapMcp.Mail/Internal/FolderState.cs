using ImapMcp.Mail.Configuration;

namespace ImapMcp.Mail.Internal;

/// <summary>A folder's row: what the cache holds of it and where sync resumes.</summary>
internal sealed record FolderState(
    long Id,
    string Name,
    FolderRole Role,
    uint UidValidity,
    uint SyncedUidNext,
    ulong HighestModSeq,
    int ServerCount,
    DateTimeOffset? LastSynced);
