namespace ImapMcp.Mail.Sync;

/// <summary>A progress report: the phase, the folder, how much of it is done, and the rate in messages per second.</summary>
public sealed record SyncProgress(
    SyncPhase Phase,
    string? Folder,
    int FolderIndex,
    int FolderCount,
    long Done,
    long Total,
    double MessagesPerSecond,
    string? Note = null);
