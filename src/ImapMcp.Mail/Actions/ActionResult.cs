namespace ImapMcp.Mail.Actions;

/// <summary>
/// What an applied plan (or an undo) did: messages changed, messages already gone from the server (reported, not an
/// error), the journal entry that records it, and whether it ran to the end (false when cancelled between batches).
/// </summary>
public sealed record ActionResult(
    long JournalId,
    string? PlanId,
    MessageAction Action,
    int Planned,
    int Done,
    int Missing,
    bool Completed,
    bool Undoable,
    string Summary);
