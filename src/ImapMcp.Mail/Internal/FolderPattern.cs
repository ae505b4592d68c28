namespace ImapMcp.Mail.Internal;

/// <summary>Folder selection patterns from the config: an exact name, or <c>Name/*</c> for the folder and everything below it.</summary>
internal static class FolderPattern
{
    public static bool Matches(string pattern, string name)
    {
        if (pattern.EndsWith("/*", StringComparison.Ordinal) || pattern.EndsWith(".*", StringComparison.Ordinal))
        {
            var root = pattern[..^2];
            return string.Equals(name, root, StringComparison.OrdinalIgnoreCase)
                || (name.Length > root.Length && name.StartsWith(root, StringComparison.OrdinalIgnoreCase) && name[root.Length] is '/' or '.');
        }

        return string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase);
    }
}
