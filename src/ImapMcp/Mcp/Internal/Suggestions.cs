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

    /// <summary>Levenshtein distance (the engine's, shared with its "did you mean" answers).</summary>
    public static int Distance(string a, string b) => Mail.Actions.FolderNames.Distance(a, b);
}
