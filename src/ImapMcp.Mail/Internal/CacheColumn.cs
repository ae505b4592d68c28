namespace ImapMcp.Mail.Internal;

/// <summary>Which value a sealed cell holds. Part of the associated data: a ciphertext moved to another column does not open.</summary>
internal enum CacheColumn : byte
{
    KeyCheck = 1,
    AccountHost,
    AccountUser,
    Subject,
    FromName,
    FromAddress,
    ToList,
    CcList,
    MessageId,
    InReplyTo,
    References,
    ListId,
    ClassHeaders,
    Rule,
    CategoryRule,
    Attachments,
    Body,
    ActionQuery,
    ActionSummary,
}
