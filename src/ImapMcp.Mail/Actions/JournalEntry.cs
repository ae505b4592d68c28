namespace ImapMcp.Mail.Actions;

/// <summary>
/// One recorded change: the action and its arguments, how many messages it planned and changed, whether it can be
/// (or was) undone. <see cref="Items"/> holds the affected messages when asked for.
/// </summary>
public sealed record JournalEntry(
    long Id,
    DateTimeOffset Time,
    ActionKind Action,
    string? Folder,
    string? Destination,
    bool Permanent,
    string? Query,
    string? PlanId,
    int Planned,
    int Done,
    int Missing,
    string State,
    bool Undoable,
    long? UndoneBy,
    long? UndoOf,
    string Summary,
    IReadOnlyList<JournalItem> Items);
