using System.Globalization;
using ImapMcp.Mail.Query;
using ModelContextProtocol;

namespace ImapMcp.Mcp.Internal;

/// <summary>Checks tool arguments; every failure is an McpException that says the accepted values, before anything runs.</summary>
internal static class Inputs
{
    public static int Limit(int value, int max, string name = "limit")
    {
        if (value < 1 || value > max)
            throw new McpException($"{name} must be from 1 to {max} (got {value}). For more results, page with offset.");
        return value;
    }

    public static int Offset(int value)
    {
        if (value < 0)
            throw new McpException($"offset must be 0 or more (got {value}).");
        return value;
    }

    /// <summary>A period back from now (2w, 6m, 1y) or a date (2024-03-01, or an ISO timestamp).</summary>
    public static DateTimeOffset Since(string? text, string fallback, TimeProvider time, string name = "since")
    {
        var value = string.IsNullOrWhiteSpace(text) ? fallback : text.Trim();
        if (MailPeriod.TryParse(value, out var period))
            return period.Before(time.GetUtcNow());
        if (TryDate(value, out var date))
            return date;
        throw new McpException($"{name} takes a period back from now such as 2w, 6m or 1y (units h, d, w, m, y), or a date such as 2024-03-01; got '{value}'.");
    }

    public static bool TryDate(string value, out DateTimeOffset date)
    {
        if (DateTime.TryParseExact(value, ["yyyy-MM-dd", "yyyy-MM"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
        {
            date = new DateTimeOffset(d, TimeSpan.Zero);
            return true;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date) && value.Contains('T', StringComparison.Ordinal);
    }

    public static SearchSort Sort(string? sort) => (sort ?? "newest").Trim().ToLowerInvariant() switch
    {
        "" or "newest" => SearchSort.Newest,
        "oldest" => SearchSort.Oldest,
        "relevance" => SearchSort.Relevance,
        var s => throw new McpException($"sort takes newest, oldest or relevance; got '{s}'."),
    };
}
