using ImapMcp.Mail.Internal;

namespace ImapMcp.Mail.Tests.Cache;

public sealed class DayRangeTests
{
    private static long D(int month, int day) => new DateTimeOffset(2026, month, day, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public void A_requested_range_covers_whole_days()
    {
        var r = DayRange.Of(new DateTimeOffset(2026, 3, 5, 18, 30, 0, TimeSpan.FromHours(-8)), new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DayRange(D(3, 6), D(4, 1)), r);
        Assert.Equal(new DayRange(D(3, 6), D(4, 2)), DayRange.Of(new DateTimeOffset(2026, 3, 6, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 1, 0, 0, 1, TimeSpan.Zero)));
        Assert.Equal(DayRange.Everything, DayRange.Of(null, null));
    }

    [Fact]
    public void Touching_and_overlapping_ranges_merge()
    {
        var merged = DayRange.Merge([new(D(5, 1), long.MaxValue), new(D(1, 1), D(2, 1)), new(D(2, 1), D(3, 1)), new(D(4, 1), D(5, 2))]);

        Assert.Equal([new DayRange(D(1, 1), D(3, 1)), new DayRange(D(4, 1), long.MaxValue)], merged);
    }

    [Fact]
    public void Subtracting_what_is_cached_leaves_only_the_gaps()
    {
        DayRange[] have = [new(D(2, 1), D(3, 1)), new(D(6, 1), long.MaxValue)];

        Assert.Equal([new DayRange(D(1, 1), D(2, 1)), new DayRange(D(3, 1), D(6, 1))], DayRange.Subtract(new(D(1, 1), long.MaxValue), have));
        Assert.Equal([new DayRange(long.MinValue, D(2, 1)), new DayRange(D(3, 1), D(6, 1))], DayRange.Subtract(DayRange.Everything, have));
        Assert.Empty(DayRange.Subtract(new(D(2, 5), D(2, 20)), have));
        Assert.Equal([new DayRange(D(3, 1), D(4, 1))], DayRange.Subtract(new(D(2, 5), D(4, 1)), have));
        Assert.Empty(DayRange.Subtract(new(D(7, 1), long.MaxValue), have));
    }

    [Fact]
    public void Search_criteria_name_each_range_and_nothing_for_everything()
    {
        Assert.Null(DayRange.Criteria([DayRange.Everything]));
        Assert.NotNull(DayRange.Criteria([new(D(2, 1), D(3, 1)), new(D(6, 1), long.MaxValue)]));
    }
}
