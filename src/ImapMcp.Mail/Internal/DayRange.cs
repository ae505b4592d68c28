using MailKit.Search;

namespace ImapMcp.Mail.Internal;

/// <summary>
/// A span of whole UTC days, as IMAP SEARCH SINCE/BEFORE compare INTERNALDATE: <see cref="Since"/> inclusive, <see cref="Before"/>
/// exclusive, both unix milliseconds of a midnight; <see cref="long.MinValue"/> / <see cref="long.MaxValue"/> mean unbounded.
/// A folder's complete ranges say which dates of it the cache holds in full.
/// </summary>
internal readonly record struct DayRange(long Since, long Before)
{
    public static DayRange Everything { get; } = new(long.MinValue, long.MaxValue);

    public bool IsEmpty => Since >= Before;

    /// <summary>The days covering [<paramref name="since"/>, <paramref name="before"/>): since rounds down, before rounds up to a midnight.</summary>
    public static DayRange Of(DateTimeOffset? since, DateTimeOffset? before) =>
        new(since is { } s ? Sql.ToUnixMs(Midnight(s)) : long.MinValue,
            before is { } b ? Sql.ToUnixMs(Midnight(b) == b ? b : Midnight(b).AddDays(1)) : long.MaxValue);

    public static DateTimeOffset? ToTime(long value) => value is long.MinValue or long.MaxValue ? null : Sql.FromUnixMs(value);

    /// <summary>Sorted, with overlapping or touching ranges joined.</summary>
    public static List<DayRange> Merge(IEnumerable<DayRange> ranges)
    {
        var merged = new List<DayRange>();
        foreach (var r in ranges.Where(r => !r.IsEmpty).OrderBy(r => r.Since))
        {
            if (merged.Count > 0 && r.Since <= merged[^1].Before)
                merged[^1] = merged[^1] with { Before = Math.Max(merged[^1].Before, r.Before) };
            else
                merged.Add(r);
        }

        return merged;
    }

    /// <summary>The parts of <paramref name="wanted"/> that <paramref name="have"/> does not cover.</summary>
    public static List<DayRange> Subtract(DayRange wanted, IEnumerable<DayRange> have)
    {
        var gaps = new List<DayRange>();
        var cursor = wanted.Since;
        foreach (var h in Merge(have))
        {
            if (cursor >= wanted.Before)
                break;
            if (h.Before <= cursor)
                continue;
            if (h.Since > cursor)
                gaps.Add(new DayRange(cursor, Math.Min(h.Since, wanted.Before)));
            cursor = Math.Max(cursor, h.Before);
        }

        if (cursor < wanted.Before)
            gaps.Add(new DayRange(cursor, wanted.Before));
        return gaps;
    }

    /// <summary>The SEARCH criteria for messages in any of <paramref name="ranges"/>; null when they cover every date.</summary>
    public static SearchQuery? Criteria(IEnumerable<DayRange> ranges)
    {
        SearchQuery? any = null;
        foreach (var r in Merge(ranges))
        {
            if (r == Everything)
                return null;
            SearchQuery? one = null;
            if (r.Since != long.MinValue)
                one = SearchQuery.DeliveredAfter(Sql.FromUnixMs(r.Since).UtcDateTime);
            if (r.Before != long.MaxValue)
            {
                var before = SearchQuery.DeliveredBefore(Sql.FromUnixMs(r.Before).UtcDateTime);
                one = one is null ? before : one.And(before);
            }

            any = any is null ? one : any.Or(one!);
        }

        return any ?? throw new InvalidOperationException("a folder always has at least one range");
    }

    private static DateTimeOffset Midnight(DateTimeOffset t) => new(t.UtcDateTime.Date, TimeSpan.Zero);
}
