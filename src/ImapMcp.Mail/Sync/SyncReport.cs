namespace ImapMcp.Mail.Sync;

/// <summary>What a sync changed in the cache.</summary>
public sealed record SyncReport(
    int Folders,
    long NewMessages,
    long FlagUpdates,
    long Expunged,
    long Bodies,
    int FolderResets,
    int Retries,
    IReadOnlyList<string> Problems,
    TimeSpan Elapsed);
