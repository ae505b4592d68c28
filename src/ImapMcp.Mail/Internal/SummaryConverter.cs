using System.Text;
using System.Text.Json;
using ImapMcp.Mail.Classification;
using ImapMcp.Mail.Query;
using MailKit;
using MimeKit;
using MimeKit.Utils;

namespace ImapMcp.Mail.Internal;

/// <summary>Turns a FETCH result into a <see cref="MessageRecord"/>; what does not parse is stored as far as it goes.</summary>
internal static class SummaryConverter
{
    // No ENVELOPE: the same fields come from HEADER.FIELDS, which MailKit parses about a third faster than both together.
    public const MessageSummaryItems Items =
        MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.InternalDate | MessageSummaryItems.Size |
        MessageSummaryItems.BodyStructure | MessageSummaryItems.References | MessageSummaryItems.ModSeq;

    /// <summary>The header fields fetched with every message: the envelope's and the classifier's.</summary>
    public static IReadOnlyList<string> HeaderNames { get; } =
        ["From", "To", "Cc", "Bcc", "Subject", "Date", "Message-ID", "In-Reply-To", .. MailCategories.HeaderNames];

    private static readonly HashSet<string> EnvelopeNames = new(["From", "To", "Cc", "Bcc", "Subject", "Date", "Message-ID", "In-Reply-To", "References"], StringComparer.OrdinalIgnoreCase);

    public static MessageRecord Convert(IMessageSummary s, bool withModSeq, bool inJunk = false)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Header? fromHeader = null, toHeader = null, ccHeader = null, bccHeader = null, subjectHeader = null, dateHeader = null, idHeader = null, replyHeader = null;
        if (s.Headers is not null)
        {
            foreach (var header in s.Headers)
            {
                switch (header.Id)
                {
                    case HeaderId.From: fromHeader ??= header; continue;
                    case HeaderId.To: toHeader ??= header; continue;
                    case HeaderId.Cc: ccHeader ??= header; continue;
                    case HeaderId.Bcc: bccHeader ??= header; continue;
                    case HeaderId.Subject: subjectHeader ??= header; continue;
                    case HeaderId.Date: dateHeader ??= header; continue;
                    case HeaderId.MessageId: idHeader ??= header; continue;
                    case HeaderId.InReplyTo: replyHeader ??= header; continue;
                }

                if (!EnvelopeNames.Contains(header.Field) && !headers.ContainsKey(header.Field))
                    headers[header.Field] = Clip(header.Value.Trim(), 300);
            }
        }

        var fromList = Addresses(fromHeader);
        var to = Addresses(toHeader);
        var cc = Addresses(ccHeader);
        var bcc = Addresses(bccHeader);
        var from = fromList.Mailboxes.FirstOrDefault();
        var subject = subjectHeader?.Value.Trim() ?? "";
        var fromAddress = from?.Address?.Trim().ToLowerInvariant() ?? "";
        var recipients = new StringBuilder(" ");
        foreach (var list in new[] { to, cc, bcc })
        {
            foreach (var m in list.Mailboxes)
            {
                if (!string.IsNullOrEmpty(m.Address))
                    recipients.Append(m.Address.Trim().ToLowerInvariant()).Append(' ');
            }
        }

        var attachments = AttachmentsOf(s);
        DateTimeOffset? sent = dateHeader is not null && DateUtils.TryParse(dateHeader.RawValue, 0, dateHeader.RawValue.Length, out var parsed) ? parsed : null;
        var date = sent ?? s.InternalDate ?? DateTimeOffset.UnixEpoch;
        var classification = MessageClassifier.Classify(new ClassificationInput(fromAddress, from?.Name, subject, headers, inJunk));
        return new MessageRecord
        {
            Uid = s.UniqueId.Id,
            Flags = FlagsOf(s.Flags),
            Keywords = KeywordsOf(s.Keywords),
            ModSeq = withModSeq ? s.ModSeq ?? 0 : 0,
            InternalDate = s.InternalDate,
            Date = date,
            Size = s.Size ?? 0,
            Subject = subject,
            FromName = string.IsNullOrWhiteSpace(from?.Name) ? null : from.Name,
            FromAddress = fromAddress,
            ToList = to.ToString(),
            CcList = cc.ToString(),
            Recipients = recipients.ToString(),
            MessageId = idHeader is null ? null : BareId(MimeUtils.ParseMessageId(idHeader.RawValue, 0, idHeader.RawValue.Length) ?? idHeader.Value),
            InReplyTo = replyHeader is null ? null : BareId(MimeUtils.EnumerateReferences(replyHeader.RawValue, 0, replyHeader.RawValue.Length).FirstOrDefault()),
            References = s.References?.Select(r => BareId(r)!).Where(r => !string.IsNullOrEmpty(r)).ToList() ?? [],
            ListId = headers.TryGetValue("List-Id", out var listId) ? listId : null,
            ClassHeaders = headers.Count > 0 ? JsonSerializer.Serialize(headers, CacheJsonContext.Default.DictionaryStringString) : null,
            Classification = classification,
            Attachments = attachments,
        };
    }

    private static InternetAddressList Addresses(Header? header)
    {
        if (header is null)
            return [];
        if (InternetAddressList.TryParse(header.RawValue, 0, header.RawValue.Length, out var list))
            return list;
        // A list MimeKit cannot parse whole: keep the mailboxes it can, one by one.
        var salvaged = new InternetAddressList();
        foreach (var piece in header.Value.Split(','))
        {
            if (MailboxAddress.TryParse(piece.Trim(), out var mailbox))
                salvaged.Add(mailbox);
        }

        return salvaged;
    }

    /// <summary>The attachments BODYSTRUCTURE lists; a broken structure costs the list, never the message.</summary>
    public static List<AttachmentInfo> AttachmentsOf(IMessageSummary s)
    {
        var attachments = new List<AttachmentInfo>();
        try
        {
            foreach (var part in s.Attachments)
            {
                attachments.Add(new AttachmentInfo(
                    part.FileName ?? part.ContentType?.Name ?? "(unnamed)",
                    part.ContentType?.MimeType ?? "application/octet-stream",
                    part.Octets,
                    part.PartSpecifier));
            }
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            attachments.Clear();
        }

        return attachments;
    }

    /// <summary>The minimal record for a message whose data would not parse: it still counts and keeps its flags.</summary>
    public static MessageRecord Fallback(IMessageSummary s) => new()
    {
        Uid = s.UniqueId.Id,
        Flags = FlagsOf(s.Flags),
        Date = s.InternalDate ?? DateTimeOffset.UnixEpoch,
        InternalDate = s.InternalDate,
        Size = s.Size ?? 0,
        Classification = new MailClassification(false, "unparsed message (headers could not be read)", MailCategories.Human, "unparsed"),
    };

    public static int FlagsOf(MessageFlags? flags) => (int)((flags ?? MessageFlags.None) & ~(MessageFlags.Recent | MessageFlags.UserDefined));

    public static string? KeywordsOf(IReadOnlySet<string>? keywords) =>
        keywords is null || keywords.Count == 0 ? null : string.Join(' ', keywords.Order(StringComparer.Ordinal));

    public static string? BareId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
            return null;
        return id.Trim().TrimStart('<').TrimEnd('>');
    }

    private static string Clip(string value, int max) => value.Length > max ? value[..max] : value;
}
