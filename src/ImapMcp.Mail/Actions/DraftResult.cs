using ImapMcp.Mail.Query;

namespace ImapMcp.Mail.Actions;

/// <summary>A draft now in the drafts folder: its key, headers as written, and the journal entry. Nothing was sent.</summary>
public sealed record DraftResult(
    MessageKey Key,
    string MessageId,
    string From,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    string Subject,
    string? InReplyTo,
    IReadOnlyList<string> References,
    string Body,
    long JournalId);
