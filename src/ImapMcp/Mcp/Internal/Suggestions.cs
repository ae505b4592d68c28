namespace ImapMcp.Mcp.Internal;

/// <summary>The closest names to a misspelled one, by edit distance (case-insensitive), for error messages.</summary>
internal static class Suggestions
{
    public static IReadOnlyList<string> Closest(string wrong, IEnumerable<string> names, int count = 3)
    {
        var w = wrong.ToLowerInvariant();
        return names
            .Select(n => (Name: n, Distance: Math.Min(Distance(w, n.ToLowerInvariant()), Distance(w, LastSegment(n).ToLowerInvariant()))))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(count).Select(x => x.Name).ToList();
    }

    public static string LastSegment(string name)
    {
        var i = name.LastIndexOfAny(['/', '.']);
        return i < 0 ? name : name[(i + 1)..];
    }

    /// <summary>Levenshtein distance.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
