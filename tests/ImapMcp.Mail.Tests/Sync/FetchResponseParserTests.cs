using System.Text;
using ImapMcp.Mail.Internal.Imap;

namespace ImapMcp.Mail.Tests.Sync;

/// <summary>Server responses replayed into the lean FETCH parser: what it reads, what it skips, what it refuses.</summary>
public sealed class FetchResponseParserTests
{
    private const string Headers = "From: Ana <ana@example.com>\r\nSubject: Hi\r\n\r\n";

    private static (bool IsFetch, FetchedMessage Message) Parse(string response)
    {
        var bytes = Encoding.UTF8.GetBytes(response);
        // Offset into a larger buffer, as responses sit in the reader's buffer.
        var buffer = new byte[bytes.Length + 7];
        bytes.CopyTo(buffer, 7);
        var message = new FetchedMessage();
        var isFetch = FetchResponseParser.TryParse(buffer, 7, bytes.Length, message);
        return (isFetch, message);
    }

    private static string Text(ReadOnlyMemory<byte>? bytes) => Encoding.UTF8.GetString(bytes!.Value.Span);

    [Fact]
    public void Every_item_is_read_with_the_header_literal()
    {
        var (isFetch, m) = Parse($"* 12 FETCH (UID 4005 FLAGS (\\Seen $Forwarded \\Recent \\Answered) INTERNALDATE \" 6-Dec-2026 10:11:12 +0130\" RFC822.SIZE 8812 MODSEQ (77) BODY[HEADER.FIELDS (FROM SUBJECT)] {{{Headers.Length}}}\r\n{Headers})\r\n");

        Assert.True(isFetch);
        Assert.True(m.HasUid);
        Assert.Equal(4005u, m.Uid);
        Assert.Equal(1 | 2, m.Flags);
        Assert.Equal("$Forwarded", m.Keywords);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 10, 11, 12, new TimeSpan(1, 30, 0)), m.InternalDate);
        Assert.Equal(8812, m.Size);
        Assert.Equal(77ul, m.ModSeq);
        Assert.Equal(Headers, Text(m.Header));
        Assert.Null(m.Structure);
    }

    [Fact]
    public void Items_in_any_order_with_unknown_items_between_them()
    {
        var (_, m) = Parse($"* 3 FETCH (BODY[HEADER.FIELDS (FROM)] {{{Headers.Length}}}\r\n{Headers} X-GM-LABELS (\"\\\\Inbox\" work) MODSEQ (9) BINARY.SIZE[1] 40 FLAGS () RFC822.SIZE 10 UID 7)\r\n");

        Assert.Equal(7u, m.Uid);
        Assert.Equal(0, m.Flags);
        Assert.Null(m.Keywords);
        Assert.Equal(9ul, m.ModSeq);
        Assert.Equal(10, m.Size);
        Assert.Equal(Headers, Text(m.Header));
    }

    [Fact]
    public void An_empty_literal_is_an_empty_header_block_and_NIL_is_none()
    {
        var (_, empty) = Parse("* 1 FETCH (UID 1 BODY[HEADER.FIELDS (FROM)] {0}\r\n INTERNALDATE NIL)\r\n");
        Assert.Equal("", Text(empty.Header));
        Assert.Null(empty.InternalDate);

        var (_, nil) = Parse("* 1 FETCH (UID 2 BODY[HEADER.FIELDS (FROM)] NIL)\r\n");
        Assert.Null(nil.Header);
    }

    [Fact]
    public void A_quoted_header_block_loses_its_escapes()
    {
        var (_, m) = Parse("* 1 FETCH (UID 1 BODY[HEADER.FIELDS (SUBJECT)] \"Subject: a \\\"b\\\" c:\\\\d\")\r\n");

        Assert.Equal("Subject: a \"b\" c:\\d", Text(m.Header));
    }

    [Fact]
    public void Keywords_are_sorted_and_unique_and_quoted_flags_count()
    {
        var (_, m) = Parse("* 1 FETCH (FLAGS (zeta \\Flagged Alpha \"\\\\Draft\" zeta \\* NIL \\Deleted) UID 3)\r\n");

        Assert.Equal(4 | 16 | 8, m.Flags);
        Assert.Equal("Alpha zeta", m.Keywords);
    }

    [Theory]
    [InlineData("* 5 EXISTS\r\n")]
    [InlineData("* 2 EXPUNGE\r\n")]
    [InlineData("* OK [HIGHESTMODSEQ 5] Highest\r\n")]
    [InlineData("* VANISHED (EARLIER) 3:5\r\n")]
    [InlineData("L4 OK Fetch completed.\r\n")]
    [InlineData("+ go ahead\r\n")]
    public void Other_responses_are_not_fetches(string response) => Assert.False(Parse(response).IsFetch);

    [Fact]
    public void An_unsolicited_fetch_without_uid_or_headers_is_read_but_carries_neither()
    {
        var (isFetch, m) = Parse("* 9 FETCH (FLAGS (\\Seen) MODSEQ (12))\r\n");

        Assert.True(isFetch);
        Assert.False(m.HasUid);
        Assert.Null(m.Header);
    }

    [Fact]
    public void The_structure_is_kept_whole_for_the_attachment_reader()
    {
        const string structure = "((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 10 1 NIL NIL NIL NIL)(\"application\" \"pdf\" (\"name\" \"a).pdf\") NIL NIL \"base64\" 30 NIL (\"attachment\" NIL) NIL NIL) \"mixed\" (\"boundary\" \"b\") NIL NIL NIL)";
        var (_, m) = Parse($"* 1 FETCH (UID 1 BODYSTRUCTURE {structure} FLAGS (\\Seen))\r\n");

        Assert.Equal(structure, Text(m.Structure));
        Assert.Equal(1, m.Flags);
    }

    [Theory]
    [InlineData("* 1 FETCH (UID 5 FLAGS (\\Seen")]
    [InlineData("* 1 FETCH (UID 5 BODY[HEADER.FIELDS (FROM)] {50}\r\nFrom: a\r\n)\r\n")]
    [InlineData("* 1 FETCH (UID 5 INTERNALDATE \"6-Dec-2026\r\n")]
    [InlineData("* 1 FETCH (UID x5)\r\n")]
    [InlineData("* 1 FETCH UID 5\r\n")]
    public void Truncated_or_broken_fetches_throw_a_format_error(string response)
    {
        var e = Assert.Throws<FormatException>(() => Parse(response));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Theory]
    [InlineData("25-Apr-2026 19:51:45 +0200", "2026-04-25T19:51:45+02:00")]
    [InlineData(" 1-jan-2000 00:00:00 -0800", "2000-01-01T00:00:00-08:00")]
    [InlineData("31-Feb-2026 10:00:00 +0000", null)]
    [InlineData("25-Foo-2026 19:51:45 +0200", null)]
    [InlineData("25-Apr-2026 19:51 +0200", null)]
    public void Internal_dates_parse_as_MailKit_parses_them_and_what_does_not_parse_is_the_minimum(string text, string? expected)
    {
        var parsed = FetchResponseParser.ParseInternalDate(text);

        Assert.Equal(expected is null ? DateTimeOffset.MinValue : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed);
    }
}
