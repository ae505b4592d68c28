namespace ImapMcp.Mail.Query;

/// <summary>A search query is malformed: <see cref="Position"/> (0-based) says where and the message says what.</summary>
public sealed class QueryParseException : Exception
{
    /// <summary>Creates the exception for a problem at a position in the query.</summary>
    public QueryParseException(string query, int position, string problem)
        : base($"{problem} (at character {position + 1}: {Excerpt(query, position)})")
    {
        Query = query;
        Position = position;
        Problem = problem;
    }

    public QueryParseException()
        : this("", 0, "the query is malformed")
    {
    }

    public QueryParseException(string message)
        : this("", 0, message)
    {
    }

    public QueryParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Query = "";
        Problem = message;
    }

    /// <summary>The query as given.</summary>
    public string Query { get; }

    /// <summary>Where the problem starts, 0-based.</summary>
    public int Position { get; }

    /// <summary>What is wrong and how to write it instead.</summary>
    public string Problem { get; }

    private static string Excerpt(string query, int position)
    {
        if (query.Length == 0)
            return "empty query";
        var p = Math.Clamp(position, 0, query.Length);
        return "\"" + query[..p] + "⟶" + query[p..] + "\"";
    }
}
