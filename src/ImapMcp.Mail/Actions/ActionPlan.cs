using ImapMcp.Mail.Query;

namespace ImapMcp.Mail.Actions;

/// <summary>
/// A dry run: the exact messages an action would touch (stored in the cache under <see cref="Id"/> with their UIDs
/// and UIDVALIDITY), their count per folder and a sample. Apply it with <see cref="MailActions.ApplyAsync"/> before
/// <see cref="ExpiresAt"/>; it applies at most once.
/// </summary>
public sealed record ActionPlan(
    string Id,
    MessageAction Action,
    string? Query,
    int Count,
    int AlreadyDone,
    IReadOnlyDictionary<string, int> CountByFolder,
    IReadOnlyList<MessageItem> Sample,
    bool Undoable,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    string Summary);
