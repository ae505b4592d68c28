namespace ImapMcp.Mail.Actions;

/// <summary>Progress of an applied plan or an undo: messages done so far of the total, and the folder being worked on.</summary>
public sealed record ActionProgress(int Done, int Total, string? Folder);
