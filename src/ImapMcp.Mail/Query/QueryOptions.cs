namespace ImapMcp.Mail.Query;

/// <summary>Sort and paging of a search.</summary>
public sealed record QueryOptions
{
    /// <summary>The most results one page may hold.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Results to skip.</summary>
    public int Offset { get; init; }

    /// <summary>Results to return (1..<see cref="MaxLimit"/>).</summary>
    public int Limit { get; init; } = 20;

    /// <summary>Result order.</summary>
    public SearchSort Sort { get; init; } = SearchSort.Newest;
}
