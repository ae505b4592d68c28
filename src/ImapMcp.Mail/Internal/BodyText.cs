using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ImapMcp.Mail.Query;
using MimeKit;

namespace ImapMcp.Mail.Internal;

/// <summary>The readable text of a message: the text/plain part, or the HTML part reduced to text (no scripts, styles, tags or tracking pixels).</summary>
internal static partial class BodyText
{
    public const int MaxLength = 200_000;

    public static string Of(MimeMessage message)
    {
        var text = message.TextBody;
        if (string.IsNullOrWhiteSpace(text) && message.HtmlBody is { } html)
            text = HtmlToText(html);
        text ??= "";
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        return text.Length > MaxLength ? text[..MaxLength] : text;
    }

    /// <summary>The attachments of a parsed message with their IMAP part specifiers, as BODYSTRUCTURE would list them.</summary>
    public static List<AttachmentInfo> AttachmentsOf(MimeMessage message)
    {
        var list = new List<AttachmentInfo>();
        using var iterator = new MimeIterator(message);
        while (iterator.MoveNext())
        {
            if (iterator.Current is MimePart { IsAttachment: true } part)
            {
                var size = part.Content?.Stream is { CanSeek: true } stream ? stream.Length : 0;
                list.Add(new AttachmentInfo(part.FileName ?? part.ContentType.Name ?? "(unnamed)", part.ContentType.MimeType, size, iterator.PathSpecifier));
            }
        }

        return list;
    }

    public static string HtmlToText(string html)
    {
        var s = Hidden().Replace(html, " ");
        s = Breaks().Replace(s, "\n");
        s = Tags().Replace(s, "");
        s = WebUtility.HtmlDecode(s);
        var sb = new StringBuilder(s.Length);
        var blank = false;
        foreach (var line in s.Split('\n'))
        {
            var t = Spaces().Replace(line, " ").Trim();
            if (t.Length == 0)
            {
                // Paragraphs stay apart by one blank line; runs of empty markup lines collapse.
                blank = sb.Length > 0;
                continue;
            }

            if (blank)
                sb.Append('\n');
            blank = false;
            sb.Append(t).Append('\n');
        }

        return sb.ToString().Trim();
    }

    [GeneratedRegex(@"<(script|style|head|title|noscript|template)\b[^>]*>.*?</\1\s*>|<!--.*?-->", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Hidden();

    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/tr|/h[1-6]|/table|hr|p|div|li|tr|h[1-6])\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Breaks();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Tags();

    [GeneratedRegex(@"[ \t\u00a0]+")]
    private static partial Regex Spaces();
}
