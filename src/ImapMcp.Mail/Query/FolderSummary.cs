using ImapMcp.Mail.Configuration;

namespace ImapMcp.Mail.Query;

/// <summary>A cached folder with its role, counts and when it was last synced.</summary>
public sealed record FolderSummary(string Name, FolderRole Role, int Messages, int Unread, int ServerMessages, DateTimeOffset? LastSynced)
{
    /// <summary>
    /// The date ranges held in full, oldest first: one range with both ends null when every message is cached; with a header
    /// window, e.g. [2025-11-25, now). Empty before the folder's first sync. Load more with <c>SyncOptions.Since</c>/<c>Before</c>.
    /// </summary>
    public IReadOnlyList<CachedRange> Ranges { get; init; } = [];
}
