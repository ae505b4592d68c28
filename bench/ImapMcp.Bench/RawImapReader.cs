using System.Globalization;
using System.Text;

namespace ImapMcp.Bench;

/// <summary>
/// Reads IMAP responses as fast as the socket delivers them: finds line ends with a vectorized search, skips literals
/// by their announced length, and only decodes responses that are not FETCH data (which it just counts).
/// </summary>
internal sealed class RawImapReader(Stream stream)
{
    private byte[] _buffer = new byte[1 << 17];
    private int _start;
    private int _end;

    public long BytesRead { get; private set; }

    /// <summary>Reads one whole response (literals included); its text unless it is a "* n FETCH" response.</summary>
    public async ValueTask<RawResponse> ReadAsync(CancellationToken cancellationToken)
    {
        StringBuilder? text = null;
        var first = true;
        var isFetch = false;
        while (true)
        {
            int lf;
            while ((lf = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n')) < 0)
                await FillAsync(cancellationToken);
            var line = _buffer.AsSpan(_start, lf + 1);
            if (first)
            {
                isFetch = IsFetch(line);
                if (!isFetch)
                    text = new StringBuilder();
                first = false;
            }

            text?.Append(Encoding.UTF8.GetString(line));
            _start += lf + 1;
            var literal = LiteralLength(line);
            if (literal < 0)
                return new RawResponse(isFetch, text?.ToString().TrimEnd('\r', '\n'));
            while (literal > 0)
            {
                if (_start == _end)
                    await FillAsync(cancellationToken);
                var take = (int)Math.Min(literal, _end - _start);
                text?.Append(Encoding.UTF8.GetString(_buffer, _start, take));
                _start += take;
                literal -= take;
            }
        }
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            else
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        if (read == 0)
            throw new IOException("The IMAP server closed the connection.");
        _end += read;
        BytesRead += read;
    }

    private static bool IsFetch(ReadOnlySpan<byte> line)
    {
        if (line.Length < 10 || line[0] != '*' || line[1] != ' ' || !char.IsAsciiDigit((char)line[2]))
            return false;
        var i = 2;
        while (i < line.Length && char.IsAsciiDigit((char)line[i]))
            i++;
        return line[i..].StartsWith(" FETCH "u8);
    }

    /// <summary>The length of the literal announced at the end of <paramref name="line"/> ("{123}\r\n" or "{123+}"), else -1.</summary>
    private static long LiteralLength(ReadOnlySpan<byte> line)
    {
        var end = line.Length - 1;
        if (end > 0 && line[end - 1] == '\r')
            end--;
        if (end < 2 || line[end - 1] != '}')
            return -1;
        var open = line[..(end - 1)].LastIndexOf((byte)'{');
        if (open < 0)
            return -1;
        var digits = line[(open + 1)..(end - 1)];
        if (digits.Length > 0 && digits[^1] == '+')
            digits = digits[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
    }
}
