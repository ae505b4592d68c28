using System.Globalization;
using System.Text;

namespace TestHarness.Mail.Internal;

/// <summary>Writes header values: RFC 2047 encoded words, address lists, dates, folding.</summary>
internal static class HeaderCodec
{
    private const int MaxLine = 76;
    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>"Tue, 4 Mar 2025 09:15:02 +0100".</summary>
    public static string FormatDate(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{Days[(int)date.DayOfWeek]}, {date.Day} {Months[date.Month - 1]} {date.Year:0000} {date.Hour:00}:{date.Minute:00}:{date.Second:00} {sign}{abs.Hours:00}{abs.Minutes:00}");
    }

    /// <summary>Writes an unstructured header (Subject), encoding the non-ASCII runs and folding long lines.</summary>
    public static void WriteUnstructured(ByteWriter w, string name, string value, string charset)
    {
        w.Write(name).Write(":");
        var lineLength = name.Length + 1;
        foreach (var token in Tokens(value, charset))
        {
            if (lineLength + 1 + token.Length > MaxLine && lineLength > name.Length + 1)
            {
                w.Line();
                lineLength = 0;
            }

            w.Write(" ").Write(token);
            lineLength += 1 + token.Length;
        }

        w.Line();
    }

    /// <summary>Writes an address-list header, one address per line after the first.</summary>
    public static void WriteAddresses(ByteWriter w, string name, IReadOnlyList<GeneratedAddress> addresses, string charset)
    {
        w.Write(name).Write(":");
        for (var i = 0; i < addresses.Count; i++)
        {
            if (i > 0)
            {
                w.Write(",").Line();
            }

            var a = addresses[i];
            if (a.Name.Length == 0)
            {
                w.Write(" ").Write(a.Address);
                continue;
            }

            var lineLength = 1;
            foreach (var token in Phrase(a.Name, charset))
            {
                if (lineLength + 1 + token.Length > MaxLine && lineLength > 1)
                {
                    w.Line();
                    lineLength = 0;
                }

                w.Write(" ").Write(token);
                lineLength += 1 + token.Length;
            }

            w.Write(" <").Write(a.Address).Write(">");
        }

        w.Line();
    }

    /// <summary>Writes a header of message ids ("&lt;a&gt; &lt;b&gt;"), one per line after the first.</summary>
    public static void WriteIds(ByteWriter w, string name, IReadOnlyList<string> ids)
    {
        w.Write(name).Write(":");
        for (var i = 0; i < ids.Count; i++)
        {
            if (i > 0)
            {
                w.Line();
            }

            w.Write(" <").Write(ids[i]).Write(">");
        }

        w.Line();
    }

    /// <summary>An RFC 2231 parameter value for a (possibly non-ASCII) file name: <c>filename="x"</c> or <c>filename*=utf-8''…</c>.</summary>
    public static string FileNameParameter(string parameter, string fileName)
    {
        if (Charsets.IsAscii(fileName))
        {
            return $"{parameter}=\"{fileName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
        }

        var sb = new StringBuilder(parameter).Append("*=utf-8''");
        foreach (var b in Encoding.UTF8.GetBytes(fileName))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'.' or (byte)'-' or (byte)'_')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    /// <summary>The words of a display name: atoms, a quoted string, or encoded words.</summary>
    private static IEnumerable<string> Phrase(string name, string charset)
    {
        if (!Charsets.IsAscii(name))
        {
            return EncodedWords(name, charset, 'B');
        }

        if (name.AsSpan().IndexOfAny("()<>[]:;@\\,.\"") >= 0)
        {
            return ["\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""];
        }

        return name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Splits unstructured text into ASCII words and encoded words; runs of non-ASCII words (with the spaces between them) become one run.</summary>
    private static IEnumerable<string> Tokens(string value, string charset)
    {
        var words = value.Split(' ');
        var i = 0;
        while (i < words.Length)
        {
            if (Charsets.IsAscii(words[i]) && !LooksEncoded(words[i]))
            {
                yield return words[i];
                i++;
                continue;
            }

            // A run of words that need encoding; the spaces inside the run are encoded with it, since white space
            // between two encoded words disappears when decoded.
            var j = i;
            while (j < words.Length && (!Charsets.IsAscii(words[j]) || LooksEncoded(words[j])))
            {
                j++;
            }

            var run = string.Join(' ', words, i, j - i);
            var mode = IsLatin(charset) ? 'Q' : 'B';
            foreach (var word in EncodedWords(run, charset, mode))
            {
                yield return word;
            }

            i = j;
        }
    }

    private static bool LooksEncoded(string word) => word.Contains("=?", StringComparison.Ordinal);

    private static bool IsLatin(string charset) => charset is "iso-8859-1" or "windows-1252" or "utf-8";

    /// <summary>Encodes <paramref name="text"/> as encoded words of at most 75 characters, never splitting a character.</summary>
    private static List<string> EncodedWords(string text, string charset, char mode)
    {
        var encoding = Charsets.Get(charset);
        var words = new List<string>();
        var prefix = $"=?{charset}?{mode}?";
        var budget = 75 - prefix.Length - 2;
        var start = 0;
        while (start < text.Length)
        {
            var end = start;
            string? best = null;
            var bestEnd = start;
            while (end < text.Length)
            {
                var next = end + (char.IsHighSurrogate(text[end]) && end + 1 < text.Length ? 2 : 1);
                var candidate = Encode(encoding.GetBytes(text[start..next]), mode);
                if (candidate.Length > budget && best is not null)
                {
                    break;
                }

                best = candidate;
                bestEnd = next;
                end = next;
            }

            words.Add(prefix + best + "?=");
            start = bestEnd;
        }

        return words;
    }

    private static string Encode(byte[] bytes, char mode)
    {
        if (mode == 'B')
        {
            return Convert.ToBase64String(bytes);
        }

        var sb = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            if (b == ' ')
            {
                sb.Append('_');
            }
            else if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'!' or (byte)'*' or (byte)'+' or (byte)'-' or (byte)'/')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('=').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
