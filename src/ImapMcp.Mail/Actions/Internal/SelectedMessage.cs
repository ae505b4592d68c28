namespace ImapMcp.Mail.Actions.Internal;

/// <summary>A cached message a dry run selected, with what is needed to decide whether the action would change it.</summary>
internal sealed record SelectedMessage(long Id, string Folder, uint UidValidity, uint Uid, string? MessageId, int Flags, long Date);
