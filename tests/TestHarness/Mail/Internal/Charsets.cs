using System.Collections.Concurrent;
using System.Text;

namespace TestHarness.Mail.Internal;

/// <summary>The legacy charsets the generator writes, strict: text a charset cannot hold is a generator bug, not a '?'.</summary>
internal static class Charsets
{
    private static readonly ConcurrentDictionary<string, Encoding> Cache = new(StringComparer.OrdinalIgnoreCase);

    static Charsets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Get(string charset) =>
        Cache.GetOrAdd(charset, static name => name.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            ? new UTF8Encoding(false, true)
            : Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback));

    /// <summary>True when every character is printable ASCII or tab.</summary>
    public static bool IsAscii(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c > 126 || (c < 32 && c != '\t'))
            {
                return false;
            }
        }

        return true;
    }
}
