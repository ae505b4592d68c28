namespace ImapMcp.Mail.Query;

/// <summary>The order of search results.</summary>
public enum SearchSort
{
    /// <summary>Newest first.</summary>
    Newest,

    /// <summary>Oldest first.</summary>
    Oldest,

    /// <summary>Best full-text match first (newest first when the query has no words).</summary>
    Relevance,
}
