namespace ImapMcp.Mcp.Results;

internal sealed record FolderInfo(string Name, string? Role, int Messages, int Unread, int ServerMessages, DateTimeOffset? LastSynced);

internal sealed record FolderList(string Account, IReadOnlyList<FolderInfo> Folders, Freshness Freshness);
