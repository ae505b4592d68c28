using System.Text;

namespace ImapMcp.Mail.Internal.Imap;

/// <summary>
/// Reads untagged <c>* n FETCH (...)</c> responses: UID, FLAGS, INTERNALDATE, RFC822.SIZE, MODSEQ, BODYSTRUCTURE and the
/// header section, in any order; other items are skipped. Flags, keywords and dates come out as MailKit would give them.
/// </summary>
internal static class FetchResponseParser
{
    /// <summary>
    /// Parses <paramref name="length"/> bytes at <paramref name="offset"/> of <paramref name="buffer"/> (one complete response)
    /// into <paramref name="message"/>; false when it is not a FETCH response. A FETCH that does not parse throws <see cref="FormatException"/>.
    /// </summary>
    public static bool TryParse(byte[] buffer, int offset, int length, FetchedMessage message)
    {
        var text = buffer.AsSpan(offset, length);
        if (!text.StartsWith("* "u8))
            return false;
        var t = new ImapTokenizer(text) { Position = 2 };
        var number = t.ReadAtom();
        if (number.Length == 0 || number.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
            return false;
        if (t.Peek() == 0 || !Ascii.EqualsIgnoreCase(t.ReadAtom(), "FETCH"u8))
            return false;

        message.Clear();
        t.Expect((byte)'(');
        while (!t.Take((byte)')'))
        {
            if (t.Peek() == 0)
                throw new FormatException($"The FETCH response ends before its closing parenthesis: \"{Preview(text)}\".");
            var name = t.ReadAtom();
            if (Ascii.EqualsIgnoreCase(name, "UID"u8))
            {
                message.Uid = checked((uint)t.ReadNumber());
                message.HasUid = true;
            }
            else if (Ascii.EqualsIgnoreCase(name, "FLAGS"u8))
            {
                ReadFlags(ref t, message);
            }
            else if (Ascii.EqualsIgnoreCase(name, "INTERNALDATE"u8))
            {
                message.InternalDate = t.ReadNString() is { } date ? ParseInternalDate(date) : null;
            }
            else if (Ascii.EqualsIgnoreCase(name, "RFC822.SIZE"u8))
            {
                message.Size = checked((long)t.ReadNumber());
            }
            else if (Ascii.EqualsIgnoreCase(name, "MODSEQ"u8))
            {
                t.Expect((byte)'(');
                message.ModSeq = t.ReadNumber();
                t.Expect((byte)')');
            }
            else if (Ascii.EqualsIgnoreCase(name, "BODYSTRUCTURE"u8))
            {
                t.Peek();
                var start = t.Position;
                t.SkipValue();
                message.Structure = buffer.AsMemory(offset + start, t.Position - start);
            }
            else if (t.Position < text.Length && text[t.Position] == '[')
            {
                var start = t.Position;
                t.SkipSection();
                var header = Ascii.EqualsIgnoreCase(name, "BODY"u8) && t.Since(start).Length > 7 && Ascii.EqualsIgnoreCase(t.Since(start)[1..7], "HEADER"u8);
                if (!header)
                {
                    t.SkipValue();
                }
                else if (t.ReadNString(out var at, out var size, out var escaped))
                {
                    message.Header = escaped
                        ? Encoding.UTF8.GetBytes(ImapTokenizer.Decode(text.Slice(at, size), true))
                        : buffer.AsMemory(offset + at, size);
                }
            }
            else
            {
                t.SkipValue();
            }
        }

        return true;
    }

    private static void ReadFlags(ref ImapTokenizer t, FetchedMessage message)
    {
        t.Expect((byte)'(');
        var flags = 0;
        List<string>? keywords = null;
        while (!t.Take((byte)')'))
        {
            if (t.Peek() == 0)
                throw new FormatException("A FLAGS list ends before its closing parenthesis.");
            if (t.TakeNil())
                continue;
            string? other = null;
            if (t.Peek() == '"')
            {
                other = t.ReadNString() ?? "";
                var bit = SystemFlag(Encoding.UTF8.GetBytes(other));
                if (bit >= 0)
                {
                    flags |= bit;
                    continue;
                }
            }
            else
            {
                var atom = t.ReadAtom();
                var bit = SystemFlag(atom);
                if (bit >= 0)
                {
                    flags |= bit;
                    continue;
                }

                other = Encoding.UTF8.GetString(atom);
            }

            (keywords ??= []).Add(other);
        }

        message.Flags = flags;
        if (keywords is not null)
        {
            keywords.Sort(StringComparer.Ordinal);
            var distinct = new StringBuilder();
            for (var i = 0; i < keywords.Count; i++)
            {
                if (i > 0 && keywords[i] == keywords[i - 1])
                    continue;
                if (distinct.Length > 0)
                    distinct.Append(' ');
                distinct.Append(keywords[i]);
            }

            message.Keywords = distinct.ToString();
        }
    }

    /// <summary>The cache's bit of a system flag (MailKit's MessageFlags); 0 for \Recent and \* (not stored); -1 for a keyword.</summary>
    private static int SystemFlag(ReadOnlySpan<byte> flag)
    {
        if (flag.Length < 2 || flag[0] != '\\')
            return -1;
        if (Ascii.EqualsIgnoreCase(flag, "\\Seen"u8))
            return 1;
        if (Ascii.EqualsIgnoreCase(flag, "\\Answered"u8))
            return 2;
        if (Ascii.EqualsIgnoreCase(flag, "\\Flagged"u8))
            return 4;
        if (Ascii.EqualsIgnoreCase(flag, "\\Deleted"u8))
            return 8;
        if (Ascii.EqualsIgnoreCase(flag, "\\Draft"u8))
            return 16;
        if (Ascii.EqualsIgnoreCase(flag, "\\Recent"u8) || flag.SequenceEqual("\\*"u8))
            return 0;
        return -1;
    }

    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>
    /// An INTERNALDATE ("25-Apr-2026 19:51:45 +0200", the day may be space-padded) the way MailKit reads it, including its
    /// answer for what does not parse: <see cref="DateTimeOffset.MinValue"/>.
    /// </summary>
    public static DateTimeOffset ParseInternalDate(string text)
    {
        var s = text.AsSpan().Trim();
        var dash1 = s.IndexOf('-');
        if (dash1 <= 0 || !int.TryParse(s[..dash1], System.Globalization.NumberStyles.None, null, out var day) || day is < 1 or > 31)
            return DateTimeOffset.MinValue;
        s = s[(dash1 + 1)..];
        if (s.Length < 4 || s[3] != '-')
            return DateTimeOffset.MinValue;
        var month = 0;
        for (var i = 0; i < Months.Length && month == 0; i++)
        {
            if (s[..3].Equals(Months[i], StringComparison.OrdinalIgnoreCase))
                month = i + 1;
        }

        if (month == 0)
            return DateTimeOffset.MinValue;
        s = s[4..];
        if (!Number(ref s, ' ', out var year) || year < 1969 || !Number(ref s, ':', out var hour) || hour > 23 ||
            !Number(ref s, ':', out var minute) || minute > 59 || !Number(ref s, ' ', out var second) || second > 59 || s.Length == 0)
            return DateTimeOffset.MinValue;
        var sign = 1;
        if (s[0] is '-' or '+')
        {
            sign = s[0] == '-' ? -1 : 1;
            s = s[1..];
        }

        if (s.Length == 0 || s.ContainsAnyExceptInRange('0', '9') || !int.TryParse(s, System.Globalization.NumberStyles.None, null, out var zone))
            return DateTimeOffset.MinValue;
        zone *= sign;
        while (zone < -1400)
            zone += 2400;
        while (zone > 1400)
            zone -= 2400;
        try
        {
            return new DateTimeOffset(year, month, day, hour, minute, second, new TimeSpan(zone / 100, zone % 100, 0));
        }
        catch (ArgumentException)
        {
            return DateTimeOffset.MinValue;
        }
    }

    private static bool Number(ref ReadOnlySpan<char> s, char delimiter, out int value)
    {
        var end = s.IndexOf(delimiter);
        value = 0;
        if (end <= 0 || !int.TryParse(s[..end], System.Globalization.NumberStyles.None, null, out value))
            return false;
        s = s[(end + 1)..];
        return true;
    }

    private static string Preview(ReadOnlySpan<byte> text) =>
        Encoding.UTF8.GetString(text[..Math.Min(text.Length, 80)]).TrimEnd('\r', '\n');
}
