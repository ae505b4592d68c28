using ImapMcp.Mcp.Internal;

namespace ImapMcp.Tests.Mcp;

/// <summary>The server's small readers of sender-written text: calendar files, file names and links.</summary>
public sealed class McpParsingTests
{
    [Fact]
    public void An_all_day_event_and_a_zoned_event_with_a_duration_are_read_as_written()
    {
        const string ics = "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nBEGIN:VEVENT\r\nSUMMARY:Offsite\r\nDTSTART;VALUE=DATE:20270115\r\nDTEND;VALUE=DATE:20270116\r\nEND:VEVENT\r\n" +
                           "BEGIN:VEVENT\r\nSUMMARY:Stand-up\\, daily\r\nDTSTART;TZID=Europe/Berlin:20270710T093000\r\nDURATION:PT15M\r\nORGANIZER:mailto:lead@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

        var events = CalendarParser.Parse(ics, "INBOX:1", "2");

        Assert.Equal(2, events.Count);
        Assert.True(events[0].AllDay);
        Assert.Equal("CANCEL", events[0].Method);
        Assert.Equal(new DateTimeOffset(2027, 1, 15, 0, 0, 0, TimeSpan.Zero), events[0].Start);
        Assert.Equal("Stand-up, daily", events[1].Summary);
        Assert.Equal(new DateTimeOffset(2027, 7, 10, 9, 30, 0, TimeSpan.FromHours(2)), events[1].Start);
        Assert.Equal(events[1].Start!.Value.AddMinutes(15), events[1].End);
        Assert.Equal("lead@example.com", events[1].Organizer);
    }

    [Fact]
    public void Text_that_is_not_a_calendar_gives_no_event()
    {
        Assert.Empty(CalendarParser.Parse("BEGIN:VCALENDAR\r\n\u0001\u0002garbage", "INBOX:1", "2"));
    }

    [Theory]
    [InlineData("../../etc/passwd", "_.._etc_passwd")]
    [InlineData("report\u202Efdp.exe", "report_fdp.exe")]
    [InlineData("  .hidden  ", "hidden")]
    [InlineData("", "attachment")]
    [InlineData("a:b*c?.pdf", "a_b_c_.pdf")]
    public void File_names_from_mail_cannot_leave_the_folder_or_hide_their_type(string given, string saved)
    {
        Assert.Equal(saved, FileNames.Sanitize(given));
    }

    [Fact]
    public void Stripping_links_keeps_only_the_host()
    {
        Assert.Equal("See [link: track.example] and [link: img.example].",
            UntrustedContent.StripLinks("See https://track.example/c?id=1&u=alex and http://img.example/pixel.gif."));
    }
}
