using System.Text;

namespace ImapMcp.Mail.Internal.Imap;

/// <summary>IMAP's modified UTF-7 for mailbox names (RFC 3501 5.1.3), as a session that has not enabled UTF8=ACCEPT must send them.</summary>
internal static class ModifiedUtf7
{
    public static string Encode(string name)
    {
        var result = new StringBuilder(name.Length + 8);
        var pending = new List<char>();
        foreach (var c in name)
        {
            if (c is >= (char)0x20 and <= (char)0x7e)
            {
                Flush(result, pending);
                result.Append(c == '&' ? "&-" : c.ToString());
            }
            else
            {
                pending.Add(c);
            }
        }

        Flush(result, pending);
        return result.ToString();
    }

    private static void Flush(StringBuilder result, List<char> pending)
    {
        if (pending.Count == 0)
            return;
        var bytes = Encoding.BigEndianUnicode.GetBytes(pending.ToArray());
        result.Append('&').Append(Convert.ToBase64String(bytes).TrimEnd('=').Replace('/', ',')).Append('-');
        pending.Clear();
    }
}
