namespace ImapMcp.Mail.Actions;

/// <summary>Finds the existing folder names closest to a mistyped one, for "did you mean" answers.</summary>
public static class FolderNames
{
    /// <summary>
    /// Up to <paramref name="max"/> names from <paramref name="existing"/> close to <paramref name="name"/>, best first:
    /// case-insensitive edit distance over the full name or its last path segment, or one name containing the other.
    /// </summary>
    public static IReadOnlyList<string> Suggest(string name, IEnumerable<string> existing, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(existing);
        if (string.IsNullOrWhiteSpace(name))
            return [];
        var wanted = name.Trim().ToLowerInvariant();
        var scored = new List<(string Name, int Score)>();
        foreach (var candidate in existing.Distinct(StringComparer.Ordinal))
        {
            var lower = candidate.ToLowerInvariant();
            var leaf = lower[(lower.LastIndexOf('/') + 1)..];
            var distance = Math.Min(Distance(wanted, lower), Distance(wanted, leaf));
            var limit = Math.Max(2, wanted.Length / 3);
            if (distance <= limit)
                scored.Add((candidate, distance));
            else if (wanted.Length >= 3 && (lower.Contains(wanted, StringComparison.Ordinal) || wanted.Contains(leaf, StringComparison.Ordinal) && leaf.Length >= 3))
                scored.Add((candidate, limit + 1));
        }

        return scored.OrderBy(s => s.Score).ThenBy(s => s.Name.Length).ThenBy(s => s.Name, StringComparer.Ordinal).Take(max).Select(s => s.Name).ToList();
    }

    /// <summary>Levenshtein distance (insert, delete, substitute: cost 1 each).</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
