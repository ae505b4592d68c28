using System.Globalization;
using System.Text;

namespace TestHarness.Mail.Internal;

/// <summary>Writes a generated message as raw RFC 5322 bytes with CRLF line ends, straight into a byte buffer.</summary>
internal static class MessageRenderer
{
    private static readonly byte[] EightBitSubjectTail = [0x20, 0x2D, 0x20, 0x47, 0x72, 0xFC, 0xDF, 0x65, 0x20, 0xFF, 0xFE, 0x80, 0x21];

    public static void Render(GeneratedMessage m, ByteWriter w)
    {
        var rng = new Rng(Rng.Mix(m.Seed, 0xB0D7));
        var charset = m.Charset;

        if (!m.IsFromOwner)
        {
            var domain = m.From.Address[(m.From.Address.IndexOf('@', StringComparison.Ordinal) + 1)..];
            w.Write("Received: from mail-out-").Write(rng.Next(1, 40)).Write(".").Write(domain).Write(" (mail-out.").Write(domain)
                .Write(" [198.51.100.").Write(rng.Next(1, 255)).Write("])").Line();
            w.Write("\tby mx.").Write(m.Context.CompanyDomain).Write(" (Postfix) with ESMTPS id ").Write(rng.Hex(10).ToUpperInvariant()).Line();
            w.Write("\tfor <").Write(m.Context.Spec.OwnerAddress).Write(">; ").Write(HeaderCodec.FormatDate(m.Date.AddSeconds(rng.Next(1, 30)))).Line();
        }

        w.Header("Date", m.Malformation == Malformation.BadDate ? "Someday, 32 Smarch 20x4 25:61:99 +9999" : HeaderCodec.FormatDate(m.Date));
        HeaderCodec.WriteAddresses(w, "From", [m.From], charset);
        if (m.To.Count > 0)
        {
            HeaderCodec.WriteAddresses(w, "To", m.To, charset);
        }

        if (m.Cc.Count > 0)
        {
            HeaderCodec.WriteAddresses(w, "Cc", m.Cc, charset);
        }

        if (m.Malformation == Malformation.EightBitHeader)
        {
            // Raw Latin-1 bytes, invalid as UTF-8 and not encoded: what broken mailers really send.
            w.Write("Subject: ").Write(m.Subject[..^MailboxBuilder.EightBitTail.Length]).Write(EightBitSubjectTail).Line();
            w.Write("X-Mailer-Info: Gr").Write((byte)0xE4).Write("nsef").Write((byte)0xFC).Write((byte)0xDF).Write("e ").Write((byte)0xA9).Write(" 2024").Line();
        }
        else
        {
            HeaderCodec.WriteUnstructured(w, "Subject", m.Subject, charset);
        }

        if (m.MessageId is { } id)
        {
            w.Write("Message-ID: <").Write(id).Write(">").Line();
        }

        if (m.InReplyTo is { } inReplyTo)
        {
            w.Write("In-Reply-To: <").Write(inReplyTo).Write(">").Line();
        }

        if (m.References.Count > 0)
        {
            HeaderCodec.WriteIds(w, "References", m.References);
        }

        if (m.Profile is { } p)
        {
            if (p.ListId is not null)
            {
                w.Write("List-Id: ");
                if (p.ListName is not null)
                {
                    w.Write(p.ListName).Write(" ");
                }

                w.Write("<").Write(m.ListId ?? p.ListId).Write(">").Line();
            }

            if (p.ListUnsubscribe is not null)
            {
                w.Write("List-Unsubscribe: <").Write(p.ListUnsubscribe).Write(p.ListUnsubscribe.Contains('?', StringComparison.Ordinal) ? "&id=" : "?id=").Write(rng.Hex(12)).Write(">,").Line();
                w.Write(" <mailto:unsubscribe+").Write(rng.Hex(8)).Write("@").Write(p.Domain).Write(">").Line();
                w.Header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }

            if (p.Precedence is not null)
            {
                w.Header("Precedence", p.Precedence);
            }

            if (p.AutoSubmitted is not null)
            {
                w.Header("Auto-Submitted", p.AutoSubmitted);
            }

            if (p.Mailer is not null)
            {
                w.Header("X-Mailer", p.Mailer);
            }

            if (m.GitHubReason is not null)
            {
                w.Header("X-GitHub-Reason", m.GitHubReason);
                w.Header("X-GitHub-Sender", m.From.Name);
                w.Header("X-GitHub-Recipient", m.Context.GitHubLogin);
                w.Header("X-GitHub-Recipient-Address", m.Context.Spec.OwnerAddress);
            }
        }

        foreach (var (name, value) in m.ExtraHeaders)
        {
            w.Header(name, value);
        }

        w.Header("MIME-Version", "1.0");

        var (text, html) = BodyComposer.Compose(m, ref rng);
        switch (m.Shape)
        {
            case BodyShape.PlainText:
                TextPart(w, "text/plain", text, charset);
                break;
            case BodyShape.HtmlOnly:
                TextPart(w, "text/html", html!, charset);
                break;
            case BodyShape.Alternative:
                Alternative(w, text, html!, charset, ref rng);
                break;
            case BodyShape.MixedWithAttachments:
                Mixed(w, m, text, html, charset, ref rng);
                break;
        }
    }

    private static void Alternative(ByteWriter w, string text, string html, string charset, ref Rng rng)
    {
        var boundary = "=_alt_" + rng.Hex(20);
        w.Write("Content-Type: multipart/alternative; boundary=\"").Write(boundary).Write("\"").Line().Line();
        w.Write("--").Write(boundary).Line();
        TextPart(w, "text/plain", text, charset);
        w.Write("--").Write(boundary).Line();
        TextPart(w, "text/html", html, charset);
        w.Write("--").Write(boundary).Write("--").Line();
    }

    private static void Mixed(ByteWriter w, GeneratedMessage m, string text, string? html, string charset, ref Rng rng)
    {
        var boundary = "=_mix_" + rng.Hex(20);
        var broken = m.Malformation == Malformation.BrokenBoundary;
        var used = broken ? boundary + "_X" : boundary;
        w.Write("Content-Type: multipart/mixed; boundary=\"").Write(boundary).Write("\"").Line().Line();
        w.Line("This is a multi-part message in MIME format.").Line();
        w.Write("--").Write(used).Line();
        if (html is null)
        {
            TextPart(w, "text/plain", text, charset);
        }
        else
        {
            Alternative(w, text, html, charset, ref rng);
        }

        foreach (var a in m.Attachments)
        {
            w.Write("--").Write(used).Line();
            w.Write("Content-Type: ").Write(a.ContentType).Write("; ").Write(HeaderCodec.FileNameParameter("name", a.FileName)).Line();
            w.Write("Content-Disposition: attachment; ").Write(HeaderCodec.FileNameParameter("filename", a.FileName)).Line();
            w.Line("Content-Transfer-Encoding: base64").Line();
            Base64(w, AttachmentBytes(a, ref rng));
        }

        if (!broken)
        {
            w.Write("--").Write(boundary).Write("--").Line();
        }
    }

    private static byte[] AttachmentBytes(GeneratedAttachment a, ref Rng rng)
    {
        var bytes = new byte[a.Size];
        rng.Fill(bytes);
        ReadOnlySpan<byte> head = a.ContentType switch
        {
            "application/pdf" => "%PDF-1.4\n"u8,
            "image/png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
            _ => "BEGIN:VCALENDAR\r\n"u8,
        };
        head[..Math.Min(head.Length, bytes.Length)].CopyTo(bytes);
        if (a.ContentType == "application/pdf" && bytes.Length > 32)
        {
            "\n%%EOF\n"u8.CopyTo(bytes.AsSpan(bytes.Length - 7));
        }

        return bytes;
    }

    private static void TextPart(ByteWriter w, string contentType, string text, string charset)
    {
        var ascii = Charsets.IsAscii(text.Replace("\n", "", StringComparison.Ordinal));
        var transfer = ascii ? "7bit" : charset switch
        {
            "utf-8" or "iso-8859-1" => "quoted-printable",
            "windows-1252" => "8bit",
            _ => "base64",
        };
        w.Write("Content-Type: ").Write(contentType).Write("; charset=\"").Write(charset).Write("\"").Line();
        w.Write("Content-Transfer-Encoding: ").Write(transfer).Line().Line();
        var encoding = Charsets.Get(charset);
        var lines = text.Split('\n');
        switch (transfer)
        {
            case "7bit" or "8bit":
                foreach (var line in lines)
                {
                    w.Write(line, encoding).Line();
                }

                break;
            case "quoted-printable":
                foreach (var line in lines)
                {
                    QuotedPrintable(w, encoding.GetBytes(line));
                }

                break;
            default:
                Base64(w, encoding.GetBytes(string.Join("\r\n", lines) + "\r\n"));
                break;
        }
    }

    private static void QuotedPrintable(ByteWriter w, ReadOnlySpan<byte> line)
    {
        var column = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var b = line[i];
            var literal = (b is >= 33 and <= 126 && b != (byte)'=') || (b is (byte)' ' or (byte)'\t' && i < line.Length - 1);
            var width = literal ? 1 : 3;
            if (column + width > 75)
            {
                w.Write((byte)'=').Line();
                column = 0;
            }

            if (literal)
            {
                w.Write(b);
            }
            else
            {
                w.Write((byte)'=').Write(HexDigit(b >> 4)).Write(HexDigit(b & 0xF));
            }

            column += width;
        }

        w.Line();
    }

    private static byte HexDigit(int value) => (byte)"0123456789ABCDEF"[value];

    private static void Base64(ByteWriter w, ReadOnlySpan<byte> data)
    {
        const int LineBytes = 57;
        for (var i = 0; i < data.Length; i += LineBytes)
        {
            var chunk = data.Slice(i, Math.Min(LineBytes, data.Length - i));
            var span = w.GetSpan(76);
            System.Buffers.Text.Base64.EncodeToUtf8(chunk, span, out _, out var written);
            w.Advance(written);
            w.Line();
        }
    }
}
