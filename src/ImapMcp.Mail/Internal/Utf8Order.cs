namespace ImapMcp.Mail.Internal;

/// <summary>
/// Strings in the order of their UTF-8 bytes (code point order): SQLite's BINARY collation on a UTF-8 database, so an
/// order settled in C# matches an ORDER BY. Ordinal UTF-16 order differs: it puts supplementary characters (surrogate
/// pairs, U+D800–U+DFFF) before U+E000–U+FFFF.
/// </summary>
internal sealed class Utf8Order : IComparer<string>
{
    private Utf8Order()
    {
    }

    public static Utf8Order Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
            return 0;
        if (x is null)
            return -1;
        if (y is null)
            return 1;
        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            if (x[i] != y[i])
                return Rank(x[i]) - Rank(y[i]);
        }

        return x.Length - y.Length;
    }

    // Surrogates move above U+E000–U+FFFF, which move down into their place: the usual fix-up from UTF-16 to code point order.
    private static int Rank(char c) => c < 0xD800 ? c : c <= 0xDFFF ? c + 0x2000 : c - 0x800;
}
