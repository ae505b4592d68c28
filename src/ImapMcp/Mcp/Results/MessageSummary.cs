using ImapMcp.Mail.Query;

namespace ImapMcp.Mcp.Results;

/// <summary>One message in a list. From, subject and recipients are written by the sender: untrusted text.</summary>
internal sealed record MessageSummary(
    string Key,
    DateTimeOffset Date,
    string? FromName,
    string FromAddress,
    string To,
    string Subject,
    bool Read,
    bool Flagged,
    bool Answered,
    bool HasAttachments,
    bool Automated,
    string Category,
    long Size)
{
    public static MessageSummary Of(MessageItem m) =>
        new(m.Key.ToString(), m.Date, m.FromName, m.FromAddress, m.To, m.Subject, m.IsRead, m.IsFlagged, m.IsAnswered, m.HasAttachments, m.Automated, m.Category, m.Size);
}
