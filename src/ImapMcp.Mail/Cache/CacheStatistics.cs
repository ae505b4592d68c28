namespace ImapMcp.Mail.Cache;

/// <summary>How much the cache holds and how fresh it is.</summary>
public sealed record CacheStatistics(
    int Folders,
    long Messages,
    long MessagesWithBody,
    long BytesOnDisk,
    DateTimeOffset? LastSynced,
    DateTimeOffset? OldestMessage,
    DateTimeOffset? NewestMessage);
