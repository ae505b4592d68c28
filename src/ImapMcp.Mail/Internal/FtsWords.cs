using System.Buffers;
using System.Globalization;
using System.Text;

namespace ImapMcp.Mail.Internal;

/// <summary>
/// Splits text into words the way SQLite's FTS5 tokenizer <c>unicode61 remove_diacritics 2</c> does, so that an
/// encrypted cache (which indexes keyed tokens of these words) answers the same searches as a plaintext one: letters,
/// digits and private-use characters make words, everything else separates them; words are lower-cased and Latin
/// letters lose their diacritics. The tables below were read off SQLite itself (tests compare the two on real FTS5).
/// </summary>
internal static class FtsWords
{
    // SQLite's folding of U+00C0..U+024F and U+1E00..U+1EFF, one character each; \0 marks a separator (× and ÷).
    private const string Latin = "aaaaaaæceeeeiiiiðnooooo\0øuuuuyþßaaaaaaæceeeeiiiiðnooooo\0øuuuuyþyaaaaaaccccccccddđđeeeeeeeeeegggggggghhħħiiiiiiiiiıĳĳjjkkĸllllllŀŀłłnnnnnnŉŋŋooooooœœrrrrrrssssssssttttŧŧuuuuuuuuuuuuwwyyyzzzzzzsƀɓƃƃƅƅɔƈƈɖɗƌƌƍǝəɛƒƒɠɣƕɩɨƙƙƚƛɯɲƞɵooƣƣƥƥʀƨƨʃƪƫƭƭʈuuʊʋƴƴƶƶʒƹƹƺƻƽƽƾƿǀǁǂǃǆǆǆǉǉǉǌǌǌaaiioouuuuuuuuuuǝaaǡǡǣǣǥǥggkkooooǯǯjǳǳǳggƕƿnnaaǽǽǿǿaaaaeeeeiiiioooorrrruuuussttȝȝhhƞȡȣȣȥȥaaeeooooooooyyȴȵȶȷȸȹⱥȼȼƚⱦȿɀɂɂƀʉʌɇɇɉɉɋɋɍɍɏɏ";
    private const string LatinExtended = "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyẚsẜẝßẟaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyyỻỻỽỽỿỿ";

    /// <summary>Calls <paramref name="word"/> with each folded word of <paramref name="text"/>, in order.</summary>
    public static void Split<TState>(ReadOnlySpan<char> text, ref TState state, WordAction<TState> word)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Min(Math.Max(text.Length, 16), 256));
        var length = 0;
        Span<char> units = stackalloc char[2];
        try
        {
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (c < 0x80)
                {
                    i++;
                    if (char.IsAsciiLetterOrDigit(c))
                    {
                        Append(ref buffer, ref length, (char)(c | (char.IsAsciiLetterUpper(c) ? 0x20 : 0)));
                        continue;
                    }

                    Flush(buffer, ref length, ref state, word);
                    continue;
                }

                if (Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed) != OperationStatus.Done)
                {
                    i++;
                    Flush(buffer, ref length, ref state, word);
                    continue;
                }

                i += consumed;
                var folded = Fold(rune);
                if (folded.Value == 0)
                {
                    Flush(buffer, ref length, ref state, word);
                    continue;
                }

                if (folded.Value == Dropped)
                    continue;
                var n = folded.EncodeToUtf16(units);
                for (var k = 0; k < n; k++)
                    Append(ref buffer, ref length, units[k]);
            }

            Flush(buffer, ref length, ref state, word);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The folded words of <paramref name="text"/> (for queries and tests; the writer uses <see cref="Split"/>).</summary>
    public static List<string> Of(string text)
    {
        var list = new List<string>();
        Split(text, ref list, static (ref List<string> l, ReadOnlySpan<char> w) => l.Add(w.ToString()));
        return list;
    }

    public delegate void WordAction<TState>(ref TState state, ReadOnlySpan<char> word);

    // A combining mark that unicode61 removes inside a word instead of splitting there.
    private const int Dropped = 1;

    private static Rune Fold(Rune rune)
    {
        var v = rune.Value;
        if (v is >= 0xC0 and < 0x250)
            return new Rune(Latin[v - 0xC0]);
        if (v is >= 0x1E00 and < 0x1F00)
            return new Rune(LatinExtended[v - 0x1E00]);
        if (v is >= 0x300 and < 0x332 && IsDroppedMark(v))
            return new Rune(Dropped);
        // Letters newer than Unicode 6.1 (unicode61's tables) keep their case there.
        if (v is 0x37F or (>= 0x528 and < 0x530))
            return rune;
        switch (v)
        {
            case 0xB5: return new Rune('μ');
            case 0x3C2: return new Rune('σ');
            case 0x3D0: return new Rune('β');
            case 0x3D1: return new Rune('θ');
            case 0x3D5: return new Rune('φ');
            case 0x3D6: return new Rune('π');
            case 0x3F0: return new Rune('κ');
            case 0x3F1: return new Rune('ρ');
            case 0x3F5: return new Rune('ε');
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
                or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => Rune.ToLowerInvariant(rune),
            _ => default,
        };
    }

    private static bool IsDroppedMark(int v) => v is (>= 0x300 and <= 0x304) or (>= 0x306 and <= 0x30C) or 0x30F or 0x311 or 0x31B
        or (>= 0x323 and <= 0x328) or 0x32D or 0x32E or 0x330 or 0x331;

    private static void Append(ref char[] buffer, ref int length, char c)
    {
        if (length == buffer.Length)
        {
            var bigger = ArrayPool<char>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, length).CopyTo(bigger);
            ArrayPool<char>.Shared.Return(buffer);
            buffer = bigger;
        }

        buffer[length++] = c;
    }

    private static void Flush<TState>(char[] buffer, ref int length, ref TState state, WordAction<TState> word)
    {
        if (length == 0)
            return;
        word(ref state, buffer.AsSpan(0, length));
        length = 0;
    }
}
