namespace ImapMcp.Mcp.Results;

internal sealed record SearchOutput(string Account, string Query, int Total, int Offset, int Limit, int? NextOffset, IReadOnlyList<MessageSummary> Messages, Freshness Freshness);

internal sealed record AttachmentOutput(string FileName, string ContentType, long Size, string Part);

internal sealed record MessageOutput(
    string Account,
    MessageSummary Message,
    string Cc,
    string? MessageId,
    string? InReplyTo,
    IReadOnlyList<string> References,
    string? ListId,
    string AutomatedRule,
    string CategoryRule,
    IReadOnlyList<AttachmentOutput> Attachments,
    bool BodyAvailable,
    bool BodyTruncated,
    string? Body,
    string UntrustedFenceId,
    Freshness Freshness);

internal sealed record ThreadOutput(string Account, string Key, int Count, IReadOnlyList<MessageSummary> Messages, Freshness Freshness);

internal sealed record AttachmentList(string Account, string Key, IReadOnlyList<AttachmentOutput> Attachments, Freshness Freshness);

internal sealed record SavedAttachment(string Account, string Key, string Part, string Path, long Bytes, string ContentType);
