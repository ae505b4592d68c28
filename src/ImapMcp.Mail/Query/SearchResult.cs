namespace ImapMcp.Mail.Query;

/// <summary>One page of search results and the exact number of matches.</summary>
public sealed record SearchResult(int Total, int Offset, IReadOnlyList<MessageItem> Messages);
