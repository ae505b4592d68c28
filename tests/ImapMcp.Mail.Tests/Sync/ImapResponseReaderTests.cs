using System.Text;
using ImapMcp.Mail.Internal.Imap;

namespace ImapMcp.Mail.Tests.Sync;

/// <summary>Response framing: a line and the literals it announces come out as one response however the bytes arrive.</summary>
public sealed class ImapResponseReaderTests
{
    private static async Task<List<string>> ReadAllAsync(string transcript, int chunk, int count)
    {
        using var reader = new ImapResponseReader(new TrickleStream(Encoding.UTF8.GetBytes(transcript), chunk));
        var responses = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var (offset, length) = await reader.ReadAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            responses.Add(Encoding.UTF8.GetString(reader.Buffer, offset, length));
        }

        return responses;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(65536)]
    public async Task Literals_stay_inside_their_response_whatever_the_read_sizes(int chunk)
    {
        var big = new string('x', 600_000) + "\r\n";
        string[] expected =
        [
            "* 1 FETCH (UID 1 BODY[HEADER] {14}\r\nSubject: a\r\n\r\n FLAGS (\\Seen))\r\n",
            "* 2 FETCH (UID 2 BODY[HEADER] {0}\r\n BODY[TEXT] {5+}\r\n{9}\r\n)\r\n",
            "* 3 EXISTS\r\n",
            $"* 4 FETCH (UID 4 BODY[] {{{big.Length}}}\r\n{big})\r\n",
            "L7 OK done\r\n",
        ];

        var responses = await ReadAllAsync(string.Concat(expected), chunk, expected.Length);

        Assert.Equal(expected, responses);
    }

    [Fact]
    public async Task A_connection_closed_mid_literal_is_an_io_error()
    {
        await Assert.ThrowsAsync<IOException>(() => ReadAllAsync("* 1 FETCH (UID 1 BODY[HEADER] {100}\r\nSubject: cut", 5, 1));
    }

    [Theory]
    [InlineData("* 1 FETCH (BODY[] {12}\r\n", 12)]
    [InlineData("* 1 FETCH (BODY[] {12+}\r\n", 12)]
    [InlineData("* 1 FETCH (BODY[] {0}\r\n", 0)]
    [InlineData("* OK {curly} text\r\n", -1)]
    [InlineData("* OK done}\r\n", -1)]
    public void A_line_announces_a_literal_only_with_braced_digits_at_its_end(string line, long expected) =>
        Assert.Equal(expected, ImapResponseReader.LiteralLength(Encoding.ASCII.GetBytes(line)));

    /// <summary>A stream that hands out at most <c>chunk</c> bytes per read, like a slow network.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
