using System.Globalization;

namespace ImapMcp.Mail.Internal;

internal static class QueryDates
{
    private static readonly string[] Formats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy-MM", "yyyy/MM", "yyyy"];

    /// <summary>Parses a calendar date (UTC midnight) as written in after:/before:.</summary>
    public static bool TryParseDate(string text, out DateTimeOffset date)
    {
        if (DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
        {
            date = new DateTimeOffset(d, TimeSpan.Zero);
            return true;
        }

        date = default;
        return false;
    }
}
