using ImapMcp.Mail.Configuration;

namespace ImapMcp.Mail.Actions.Internal;

/// <summary>A folder as the cache knows it.</summary>
internal sealed record CachedFolder(long Id, string Name, FolderRole Role, uint UidValidity, int Messages);
