namespace ImapMcp.Mail.Query;

/// <summary>An attachment as the body structure describes it (not downloaded).</summary>
public sealed record AttachmentInfo(string FileName, string ContentType, long Size, string PartSpecifier);
