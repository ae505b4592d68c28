using System.Text;

namespace ImapMcp.Mail.Internal.Imap;

/// <summary>
/// Tokens of one complete IMAP response held in a span (literals inline, as the server sent them). Malformed input throws
/// <see cref="FormatException"/> naming the position; nothing here allocates except the strings callers ask for.
/// </summary>
internal ref struct ImapTokenizer
{
    private readonly ReadOnlySpan<byte> _text;

    public ImapTokenizer(ReadOnlySpan<byte> text)
    {
        _text = text;
    }

    public int Position { get; set; }

    /// <summary>The next significant byte (spaces skipped), 0 at the end of the response.</summary>
    public byte Peek()
    {
        SkipSpaces();
        return Position < _text.Length && _text[Position] is not ((byte)'\r' or (byte)'\n') ? _text[Position] : (byte)0;
    }

    public void Expect(byte c)
    {
        if (Peek() != c)
            throw Unexpected($"'{(char)c}'");
        Position++;
    }

    /// <summary>Consumes <paramref name="c"/> if it comes next.</summary>
    public bool Take(byte c)
    {
        if (Peek() != c)
            return false;
        Position++;
        return true;
    }

    /// <summary>Consumes NIL if it comes next.</summary>
    public bool TakeNil()
    {
        if (Peek() is not ((byte)'N' or (byte)'n') || Position + 3 > _text.Length || !Ascii.EqualsIgnoreCase(_text.Slice(Position, 3), "NIL"u8))
            return false;
        if (Position + 3 < _text.Length && !IsDelimiter(_text[Position + 3]))
            return false;
        Position += 3;
        return true;
    }

    /// <summary>An atom (including flags such as <c>\Seen</c> and numbers); stops at a space, parenthesis, bracket, quote or brace.</summary>
    public ReadOnlySpan<byte> ReadAtom()
    {
        SkipSpaces();
        var start = Position;
        while (Position < _text.Length && !IsDelimiter(_text[Position]))
            Position++;
        if (Position == start)
            throw Unexpected("an atom");
        return _text[start..Position];
    }

    public ulong ReadNumber()
    {
        var atom = ReadAtom();
        ulong value = 0;
        foreach (var b in atom)
        {
            if (b is < (byte)'0' or > (byte)'9' || value > (ulong.MaxValue - 9) / 10)
                throw new FormatException($"Expected a number at byte {Position - atom.Length}, found '{Encoding.ASCII.GetString(atom)}'.");
            value = (value * 10) + (uint)(b - '0');
        }

        return value;
    }

    /// <summary>
    /// A string (quoted or literal) or NIL (false): <paramref name="start"/>/<paramref name="length"/> locate the raw bytes
    /// in the response, <paramref name="escaped"/> says a quoted string holds backslash escapes still to be removed.
    /// </summary>
    public bool ReadNString(out int start, out int length, out bool escaped)
    {
        escaped = false;
        if (TakeNil())
        {
            start = length = 0;
            return false;
        }

        switch (Peek())
        {
            case (byte)'"':
                Position++;
                start = Position;
                while (true)
                {
                    if (Position >= _text.Length || _text[Position] is (byte)'\r' or (byte)'\n')
                        throw Unexpected("the end of a quoted string");
                    var b = _text[Position];
                    if (b == '\\')
                    {
                        escaped = true;
                        Position += 2;
                        continue;
                    }

                    if (b == '"')
                        break;
                    Position++;
                }

                length = Position - start;
                Position++;
                return true;
            case (byte)'{':
                var close = _text[Position..].IndexOf((byte)'}');
                if (close < 0)
                    throw Unexpected("a literal");
                var digits = _text.Slice(Position + 1, close - 1);
                if (digits.Length > 0 && digits[^1] == '+')
                    digits = digits[..^1];
                long size = 0;
                foreach (var d in digits)
                {
                    if (d is < (byte)'0' or > (byte)'9' || size > int.MaxValue)
                        throw Unexpected("a literal's length");
                    size = (size * 10) + (d - '0');
                }

                if (digits.Length == 0)
                    throw Unexpected("a literal's length");
                start = Position + close + 1;
                if (start + 2 > _text.Length || _text[start] != '\r' || _text[start + 1] != '\n')
                    throw Unexpected("CRLF after a literal's length");
                start += 2;
                if (start + size > _text.Length)
                    throw new FormatException($"A literal of {size} bytes at byte {start} runs past the end of the response ({_text.Length} bytes).");
                length = (int)size;
                Position = start + length;
                return true;
            default:
                // Atoms where a string belongs (some servers send them): taken as the string.
                var atom = ReadAtom();
                start = Position - atom.Length;
                length = atom.Length;
                return true;
        }
    }

    /// <summary>A string or NIL (null), escapes removed, UTF-8 decoded.</summary>
    public string? ReadNString()
    {
        if (!ReadNString(out var start, out var length, out var escaped))
            return null;
        return Decode(_text.Slice(start, length), escaped);
    }

    /// <summary>Skips one value: an atom, a string, NIL or a parenthesized list (nested lists, strings and literals inside).</summary>
    public void SkipValue()
    {
        switch (Peek())
        {
            case 0:
                throw Unexpected("a value");
            case (byte)'(':
                Position++;
                while (!Take((byte)')'))
                {
                    if (Peek() == 0)
                        throw Unexpected("')'");
                    SkipValue();
                }

                return;
            case (byte)'"' or (byte)'{':
                ReadNString(out _, out _, out _);
                return;
            case (byte)'[':
                SkipSection();
                return;
            default:
                ReadAtom();
                if (Position < _text.Length && _text[Position] == '[')
                    SkipSection();
                return;
        }
    }

    /// <summary>Skips a <c>[...]</c> section (it may hold parenthesized lists and strings) and a partial <c>&lt;n&gt;</c> after it.</summary>
    public void SkipSection()
    {
        Expect((byte)'[');
        while (Peek() != ']')
        {
            if (Peek() == 0)
                throw Unexpected("']'");
            SkipValue();
        }

        Position++;
        if (Position < _text.Length && _text[Position] == '<')
        {
            var close = _text[Position..].IndexOf((byte)'>');
            if (close < 0)
                throw Unexpected("'>'");
            Position += close + 1;
        }
    }

    /// <summary>The bytes from <paramref name="start"/> to the current position.</summary>
    public readonly ReadOnlySpan<byte> Since(int start) => _text[start..Position];

    /// <summary>The bytes from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public readonly ReadOnlySpan<byte> Slice(int start, int end) => _text[start..end];

    public static string Decode(ReadOnlySpan<byte> raw, bool escaped)
    {
        if (!escaped)
            return Encoding.UTF8.GetString(raw);
        Span<byte> copy = raw.Length <= 512 ? stackalloc byte[raw.Length] : new byte[raw.Length];
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length)
                i++;
            copy[n++] = raw[i];
        }

        return Encoding.UTF8.GetString(copy[..n]);
    }

    private void SkipSpaces()
    {
        while (Position < _text.Length && _text[Position] == ' ')
            Position++;
    }

    private static bool IsDelimiter(byte b) => b is (byte)' ' or (byte)'(' or (byte)')' or (byte)'[' or (byte)']' or (byte)'"' or (byte)'{' or (byte)'\r' or (byte)'\n';

    private readonly FormatException Unexpected(string expected)
    {
        var at = Math.Min(Position, _text.Length);
        var context = Encoding.UTF8.GetString(_text.Slice(at, Math.Min(40, _text.Length - at))).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return new FormatException($"Expected {expected} at byte {at} of the response, found \"{context}\".");
    }
}
