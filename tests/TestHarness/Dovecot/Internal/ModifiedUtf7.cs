using System.Text;

namespace TestHarness.Dovecot.Internal;

/// <summary>IMAP modified UTF-7 (RFC 3501 §5.1.3), which Dovecot uses for folder names on disk ("Reçus" → "Re&amp;AOc-us").</summary>
internal static class ModifiedUtf7
{
    public static string Encode(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        var i = 0;
        while (i < name.Length)
        {
            var c = name[i];
            if (c == '&')
            {
                sb.Append("&-");
                i++;
            }
            else if (c is >= (char)0x20 and <= (char)0x7E)
            {
                sb.Append(c);
                i++;
            }
            else
            {
                var start = i;
                while (i < name.Length && name[i] is < (char)0x20 or > (char)0x7E)
                {
                    i++;
                }

                var bytes = Encoding.BigEndianUnicode.GetBytes(name[start..i]);
                sb.Append('&').Append(Convert.ToBase64String(bytes).TrimEnd('=').Replace('/', ',')).Append('-');
            }
        }

        return sb.ToString();
    }
}
