namespace ImapMcp.Mail.Query;

/// <summary>One message in a result list: enough to show a line and to ask for the rest.</summary>
public sealed record MessageItem(
    MessageKey Key,
    DateTimeOffset Date,
    string? FromName,
    string FromAddress,
    string To,
    string Subject,
    bool IsRead,
    bool IsFlagged,
    bool IsAnswered,
    long Size,
    bool HasAttachments,
    bool Automated,
    string Category,
    string? MessageId);
