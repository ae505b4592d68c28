using System.Globalization;

namespace ImapMcp.Mail.Query;

/// <summary>A relative span such as <c>2w</c>, <c>3m</c> or <c>1y</c> (units h, d, w, m, y), counted back from now on the calendar.</summary>
public readonly record struct MailPeriod(int Count, char Unit)
{
    /// <summary>Parses <c>&lt;N&gt;&lt;unit&gt;</c>; false when the text is not of that shape.</summary>
    public static bool TryParse(string? text, out MailPeriod period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length < 2)
            return false;
        var t = text.Trim().ToLowerInvariant();
        var unit = t[^1];
        if (unit is not ('h' or 'd' or 'w' or 'm' or 'y'))
            return false;
        if (!int.TryParse(t.AsSpan(0, t.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0 || count > 100_000)
            return false;
        period = new MailPeriod(count, unit);
        return true;
    }

    /// <summary>Parses or throws <see cref="ArgumentException"/> with the accepted shapes.</summary>
    public static MailPeriod Parse(string text) =>
        TryParse(text, out var p) ? p : throw new ArgumentException($"'{text}' is not a period: write a number and a unit, e.g. 2w, 3m, 1y (h, d, w, m, y).", nameof(text));

    /// <summary>The instant this period before <paramref name="now"/>.</summary>
    public DateTimeOffset Before(DateTimeOffset now) => Unit switch
    {
        'h' => now.AddHours(-Count),
        'd' => now.AddDays(-Count),
        'w' => now.AddDays(-7 * Count),
        'm' => now.AddMonths(-Count),
        _ => now.AddYears(-Count),
    };

    /// <summary>The <c>2w</c> spelling.</summary>
    public override string ToString() => Count.ToString(CultureInfo.InvariantCulture) + Unit;
}
