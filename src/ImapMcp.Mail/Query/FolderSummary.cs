using ImapMcp.Mail.Configuration;

namespace ImapMcp.Mail.Query;

/// <summary>A cached folder with its role, counts and when it was last synced.</summary>
public sealed record FolderSummary(string Name, FolderRole Role, int Messages, int Unread, int ServerMessages, DateTimeOffset? LastSynced);
