using System.Text;
using ImapMcp.Mail.Query;
using MimeKit;

namespace ImapMcp.Mail.Internal.Imap;

/// <summary>
/// The attachment list of a BODYSTRUCTURE, walked the way MailKit parses it (part specifiers, its workarounds for NIL types
/// and dispositions, message/rfc822 parts not entered) so both FETCH paths store the same list. MimeKit objects are built
/// only for the parts that are attachments, to decode their names exactly as MailKit does.
/// </summary>
internal static class BodyStructureReader
{
    private const string QuotedSpecials = " \t()<>@,;:\\\"/[]?=";

    /// <summary>The attachments; a structure that does not parse costs the list, never the message.</summary>
    public static List<AttachmentInfo> AttachmentsOf(ReadOnlySpan<byte> structure)
    {
        var list = new List<AttachmentInfo>();
        try
        {
            var t = new ImapTokenizer(structure);
            Body(ref t, "", list);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            list.Clear();
        }

        return list;
    }

    private static void Body(ref ImapTokenizer t, string path, List<AttachmentInfo> list)
    {
        if (t.TakeNil())
            return;
        t.Expect((byte)'(');
        if (t.Take((byte)')'))
            return;
        if (IsMultipart(ref t))
        {
            Multipart(ref t, path, list);
            return;
        }

        var type = t.ReadNString();
        string subtype;
        if (t.Peek() == '(' || IsNil(ref t))
        {
            if (type is null)
            {
                t.TakeNil();
                (type, subtype) = ("application", "octet-stream");
            }
            else if (DefaultSubtype(type) is { } implied)
            {
                subtype = implied;
            }
            else
            {
                (type, subtype) = ("application", type);
            }
        }
        else
        {
            type ??= "application";
            subtype = t.ReadNString() ?? throw new FormatException("A body part's subtype is NIL.");
        }

        var parametersStart = -1;
        var parametersEnd = -1;
        if (!t.TakeNil())
        {
            t.Peek();
            parametersStart = t.Position;
            t.Expect((byte)'(');
            t.Position = parametersStart;
            t.SkipValue();
            parametersEnd = t.Position;
        }

        t.SkipValue(); // body-fld-id
        t.SkipValue(); // body-fld-desc
        t.SkipValue(); // body-fld-enc
        var octets = checked((long)t.ReadNumber());
        var isMultipart = type.Equals("multipart", StringComparison.OrdinalIgnoreCase);
        if (type.Equals("message", StringComparison.OrdinalIgnoreCase) && subtype.Equals("rfc822", StringComparison.OrdinalIgnoreCase))
        {
            // Envelope, body, lines; servers that send a basic part for a broken message/rfc822 send none of them.
            if (t.Peek() == '(')
            {
                t.SkipValue();
                t.SkipValue();
                t.SkipValue();
            }
        }
        else if (type.Equals("text", StringComparison.OrdinalIgnoreCase))
        {
            t.SkipValue(); // lines
        }

        ContentDisposition? disposition = null;
        if (!isMultipart)
        {
            if (t.Peek() != ')')
                t.SkipValue(); // MD5
            if (t.Peek() != ')')
                disposition = Disposition(ref t);
        }

        while (!t.Take((byte)')'))
        {
            if (t.Peek() == 0)
                throw new FormatException("A body part ends before its closing parenthesis.");
            t.SkipValue();
        }

        if (disposition is null || !disposition.IsAttachment)
            return;
        var contentType = ContentTypeOf(type, subtype, parametersStart < 0 ? default : t.Slice(parametersStart, parametersEnd));
        var fileName = (disposition.FileName ?? contentType.Name)?.Trim();
        list.Add(new AttachmentInfo(fileName ?? contentType.Name ?? "(unnamed)", contentType.MimeType, octets, path));
    }

    private static void Multipart(ref ImapTokenizer t, string path, List<AttachmentInfo> list)
    {
        var prefix = path.Length > 0 ? path + "." : "";
        if (!t.TakeNil())
        {
            var index = 1;
            do
            {
                Body(ref t, prefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture), list);
                index++;
            }
            while (t.Peek() == '(');
        }

        // Subtype and extension data: nothing in them decides what an attachment is.
        while (!t.Take((byte)')'))
        {
            if (t.Peek() == 0)
                throw new FormatException("A multipart ends before its closing parenthesis.");
            t.SkipValue();
        }
    }

    /// <summary>MailKit's test (for servers other than Gmail's): children, or NIL followed by something other than NIL.</summary>
    private static bool IsMultipart(ref ImapTokenizer t)
    {
        if (t.Peek() == '(')
            return true;
        var start = t.Position;
        if (!t.TakeNil())
            return false;
        var nextIsNil = IsNil(ref t);
        t.Position = start;
        return !nextIsNil;
    }

    private static bool IsNil(ref ImapTokenizer t)
    {
        var start = t.Position;
        if (!t.TakeNil())
            return false;
        t.Position = start;
        return true;
    }

    private static string? DefaultSubtype(string type) =>
        type.Equals("text", StringComparison.OrdinalIgnoreCase) ? "plain" :
        type.Equals("application", StringComparison.OrdinalIgnoreCase) ? "octet-stream" :
        type.Equals("multipart", StringComparison.OrdinalIgnoreCase) ? "mixed" : null;

    /// <summary>body-fld-dsp; only an attachment's is turned into a MimeKit object (the rest return null).</summary>
    private static ContentDisposition? Disposition(ref ImapTokenizer t)
    {
        if (t.TakeNil())
            return null;
        if (t.Peek() != '(')
        {
            // Exchange sends "inline" instead of ("inline" NIL).
            var bare = t.ReadNString() ?? "";
            return IsAttachment(bare) ? new ContentDisposition(bare) : null;
        }

        t.Expect((byte)'(');
        var value = t.ReadNString();
        var kind = string.IsNullOrEmpty(value) ? ContentDisposition.Attachment : value.Trim('"');
        var wanted = IsAttachment(kind);
        var builder = wanted ? new StringBuilder(kind) : null;
        var isNil = false;
        if (t.Peek() == '(')
        {
            if (builder is null)
                t.SkipValue();
            else
                AppendParameters(ref t, builder);
        }
        else if (t.TakeNil())
        {
            isNil = true;
        }
        else
        {
            throw new FormatException("A body part's disposition parameters are neither a list nor NIL.");
        }

        t.Expect((byte)')');
        if ((value is null && isNil) || builder is null)
            return null;
        return ContentDisposition.TryParse(builder.ToString(), out var disposition) ? disposition : null;
    }

    private static bool IsAttachment(string disposition) => disposition.Trim().Equals(ContentDisposition.Attachment, StringComparison.OrdinalIgnoreCase);

    private static ContentType ContentTypeOf(string type, string subtype, ReadOnlySpan<byte> parameters)
    {
        if (parameters.IsEmpty)
            return new ContentType(type, subtype);
        var builder = new StringBuilder(type).Append('/').Append(subtype);
        var t = new ImapTokenizer(parameters);
        AppendParameters(ref t, builder);
        return ContentType.TryParse(builder.ToString(), out var contentType) ? contentType : new ContentType(type, subtype);
    }

    /// <summary>"; name=value" for each pair of a parameter list, quoted where MailKit quotes, for MimeKit to parse (RFC 2231 included).</summary>
    private static void AppendParameters(ref ImapTokenizer t, StringBuilder builder)
    {
        t.Expect((byte)'(');
        while (!t.Take((byte)')'))
        {
            if (t.Peek() == 0)
                throw new FormatException("A parameter list ends before its closing parenthesis.");
            var name = t.ReadNString() ?? throw new FormatException("A parameter name is NIL.");
            var value = t.ReadNString() ?? "";
            builder.Append("; ").Append(name).Append('=');
            if (!NeedsQuoting(value))
            {
                builder.Append(value);
                continue;
            }

            builder.Append('"');
            foreach (var c in value)
            {
                if (c is '\\' or '"')
                    builder.Append('\\');
                builder.Append(c);
            }

            builder.Append('"');
        }
    }

    private static bool NeedsQuoting(string value)
    {
        foreach (var c in value)
        {
            if (c > 127 || char.IsControl(c) || QuotedSpecials.Contains(c, StringComparison.Ordinal))
                return true;
        }

        return value.Length == 0;
    }
}
