namespace ImapMcp.Mail.Actions.Internal;

/// <summary>One message a plan names: its folder, UIDVALIDITY, UID and Message-ID as the dry run saw them.</summary>
internal sealed record PlanItem(string Folder, uint UidValidity, uint Uid, string? MessageId);
