using System.Globalization;

namespace ImapMcp.Cli;

internal static class QueryDatesCli
{
    public static bool TryParseDate(string text, out DateTimeOffset date)
    {
        if (DateTime.TryParseExact(text, ["yyyy-MM-dd", "yyyy-MM"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
        {
            date = new DateTimeOffset(d, TimeSpan.Zero);
            return true;
        }

        date = default;
        return false;
    }
}
