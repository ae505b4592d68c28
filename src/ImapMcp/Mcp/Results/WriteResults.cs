namespace ImapMcp.Mcp.Results;

/// <summary>A dry run: what would change, a sample, and the plan id apply_plan takes.</summary>
internal sealed record PlanOutput(
    string Account,
    string PlanId,
    string Action,
    string? Destination,
    bool Permanent,
    string? Query,
    int Count,
    int AlreadyDone,
    IReadOnlyDictionary<string, int> CountByFolder,
    IReadOnlyList<MessageSummary> Sample,
    bool Undoable,
    DateTimeOffset ExpiresAt,
    string Summary);

/// <summary>What an applied plan or an undo did, and the journal entry recording it.</summary>
internal sealed record ActionOutput(
    string Account,
    long JournalId,
    string? PlanId,
    string Action,
    int Planned,
    int Done,
    int Missing,
    bool Completed,
    bool Undoable,
    string Summary);

/// <summary>One message a journaled change touched: where it was and where it went.</summary>
internal sealed record JournalItemInfo(string Key, string? MessageId, int? FlagsBefore, int? FlagsAfter, string? NewKey);

/// <summary>One journaled change.</summary>
internal sealed record JournalEntryInfo(
    long Id,
    DateTimeOffset Time,
    string Action,
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
    IReadOnlyList<JournalItemInfo>? Items);

/// <summary>The journal, newest first.</summary>
internal sealed record JournalOutput(string Account, IReadOnlyList<JournalEntryInfo> Entries, int? NextOffset);

/// <summary>A folder created, renamed or deleted.</summary>
internal sealed record FolderChangeOutput(string Account, long JournalId, string Action, string Folder, string? NewName, bool Undoable, string Summary);

/// <summary>A draft now in the drafts folder. Nothing was sent.</summary>
internal sealed record DraftOutput(
    string Account,
    string Key,
    string MessageId,
    string From,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    string Subject,
    string? InReplyTo,
    IReadOnlyList<string> References,
    long JournalId,
    bool Sent,
    string Summary);

/// <summary>A message action's answer: the dry run's plan, or (dryRun false) what was applied.</summary>
internal sealed record MessageActionOutput(string Account, PlanOutput? Plan, ActionOutput? Applied);
