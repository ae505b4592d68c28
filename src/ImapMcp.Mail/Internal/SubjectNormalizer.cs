using System.Text.RegularExpressions;

namespace ImapMcp.Mail.Internal;

/// <summary>Strips reply and forward prefixes (Re:, Fwd:, AW:, SV:, [list] tags) so a thread's subjects compare equal.</summary>
internal static partial class SubjectNormalizer
{
    public static string Normalize(string? subject)
    {
        if (string.IsNullOrWhiteSpace(subject))
            return "";
        var s = subject.Trim();
        while (true)
        {
            var next = Prefix().Replace(s, "", 1).Trim();
            if (next == s)
                break;
            s = next;
        }

        return Whitespace().Replace(s, " ").ToLowerInvariant();
    }

    [GeneratedRegex(@"^((re|fwd?|aw|sv|vs|antw|wg|tr|r|rif|enc)(\[\d+\])?\s*:|\[[^\]]{1,40}\])\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
