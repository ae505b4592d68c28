using ImapMcp.Mail.Query;

namespace ImapMcp.Mail.Internal;

/// <summary>One downloaded body: its text (null when unreadable) and, when known only now, its attachments.</summary>
internal readonly record struct BodyRecord(uint Uid, string? Text, IReadOnlyList<AttachmentInfo>? Attachments);
