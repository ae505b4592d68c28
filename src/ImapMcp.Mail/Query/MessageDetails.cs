namespace ImapMcp.Mail.Query;

/// <summary>A message's headers, text body (HTML reduced to text) and attachment list, from the cache.</summary>
public sealed record MessageDetails(
    MessageItem Summary,
    string Cc,
    string? InReplyTo,
    IReadOnlyList<string> References,
    string? ListId,
    string ClassificationRule,
    string CategoryRule,
    IReadOnlyDictionary<string, string> ClassificationHeaders,
    IReadOnlyList<AttachmentInfo> Attachments,
    string? Body,
    bool BodyAvailable);
