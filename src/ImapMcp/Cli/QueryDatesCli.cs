using System.Globalization;
using ImapMcp.Mail.Query;

namespace ImapMcp.Cli;

/// <summary>Dates on the command line: a day (2024-03-01), a month (2024-03), or a period back from now (2w, 3m, 1y).</summary>
internal static class QueryDatesCli
{
    private const string Forms = "a date such as 2024-03-01 (or a month, 2024-03) or a period back from now such as 2w, 3m, 1y (units h, d, w, m, y)";

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

    /// <summary>A date or a period back from <paramref name="now"/>; a <see cref="UsageException"/> naming <paramref name="option"/> otherwise.</summary>
    public static DateTimeOffset Parse(string text, string option, DateTimeOffset now)
    {
        var value = text.Trim();
        if (TryParseDate(value, out var date))
            return date;
        if (MailPeriod.TryParse(value, out var period))
            return period.Before(now);
        throw new UsageException($"--{option} takes {Forms}, not '{text}'");
    }

    /// <summary>
    /// The range of <c>sync --since S [--before B]</c> in whole UTC days, as the cache keeps them: the start rounded down,
    /// the end (exclusive) rounded up; null without <c>--since</c>. Reversed ranges and a start in the future are refused.
    /// </summary>
    public static (DateTimeOffset Since, DateTimeOffset? Before)? SyncRange(string? since, string? before, DateTimeOffset now)
    {
        if (since is null)
        {
            return before is null ? null
                : throw new UsageException("--before needs --since: the range to load is [--since, --before). To load everything older than a date, give an early start such as --since 1990-01-01");
        }

        var from = Day(Parse(since, "since", now));
        if (from > now)
            throw new UsageException($"--since {since} is {Text(from)}, in the future: there is nothing to load. Give a past date such as 2024-03-01 or a period back from now such as 6m");
        if (before is null)
            return (from, null);

        var end = Parse(before, "before", now);
        var to = Day(end) == end ? end : Day(end).AddDays(1);
        if (to <= from)
            throw new UsageException($"--before ({Text(to)}) must be later than --since ({Text(from)}): the range is [--since, --before). Swap them, or leave --before out to load up to now");
        if (to > Day(now).AddDays(1))
            throw new UsageException($"--before {before} is {Text(to)}, in the future; leave --before out to load up to now");
        return (from, to);
    }

    public static string Text(DateTimeOffset day) => day.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset Day(DateTimeOffset t) => new(t.UtcDateTime.Date, TimeSpan.Zero);
}
