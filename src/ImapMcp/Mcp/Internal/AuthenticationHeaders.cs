using System.Text.RegularExpressions;
using ImapMcp.Mcp.Results;
using MimeKit;

namespace ImapMcp.Mcp.Internal;

/// <summary>Reads Authentication-Results (RFC 8601), ARC-Authentication-Results, Received-SPF and DKIM-Signature headers into per-method verdicts.</summary>
internal static partial class AuthenticationHeaders
{
    public static (IReadOnlyList<AuthenticationResult> Results, IReadOnlyList<string> Signers) Read(HeaderList headers)
    {
        var results = new List<AuthenticationResult>();
        var signers = new List<string>();
        foreach (var header in headers)
        {
            var value = Unfold(header.Value);
            switch (header.Field.ToLowerInvariant())
            {
                case "authentication-results":
                case "arc-authentication-results":
                    var parts = value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    foreach (var part in parts.Skip(header.Field.StartsWith("ARC", StringComparison.OrdinalIgnoreCase) ? 2 : 1))
                    {
                        var m = MethodResult().Match(part);
                        if (!m.Success)
                            continue;
                        var domain = Property().Match(part) is { Success: true } d ? d.Groups["v"].Value : null;
                        results.Add(new AuthenticationResult(header.Field, m.Groups["method"].Value.ToLowerInvariant(), m.Groups["result"].Value.ToLowerInvariant(), domain, part));
                    }

                    break;
                case "received-spf":
                    var verdict = value.Split(' ', 2)[0].ToLowerInvariant();
                    results.Add(new AuthenticationResult(header.Field, "spf", verdict, null, value));
                    break;
                case "dkim-signature":
                    var tags = value.Split(';', StringSplitOptions.TrimEntries).Select(t => t.Split('=', 2)).Where(t => t.Length == 2).ToDictionary(t => t[0].Trim(), t => t[1].Trim(), StringComparer.OrdinalIgnoreCase);
                    signers.Add(tags.TryGetValue("d", out var signer) ? signer + (tags.TryGetValue("s", out var selector) ? $" (selector {selector})" : "") : "(no d= tag)");
                    break;
            }
        }

        return (results, signers);
    }

    private static string Unfold(string value) => Whitespace().Replace(value, " ").Trim();

    [GeneratedRegex(@"^(?<method>[A-Za-z0-9_.-]+)\s*=\s*(?<result>[A-Za-z0-9_-]+)")]
    private static partial Regex MethodResult();

    [GeneratedRegex(@"(?:header\.d|header\.from|smtp\.mailfrom|header\.i|policy\.d)\s*=\s*(?<v>[^\s;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Property();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
