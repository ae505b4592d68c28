namespace ImapMcp.Mail.Query;

/// <summary>
/// Dates of a folder the cache holds in full (whole UTC days by INTERNALDATE): <see cref="Since"/> inclusive, <see cref="Before"/>
/// exclusive; null Since means from the folder's first message, null Before means up to now, new mail included.
/// </summary>
public sealed record CachedRange(DateTimeOffset? Since, DateTimeOffset? Before);
