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

    /// <summary>A MailKit summary (the fallback FETCH path) to a record.</summary>
    public static MessageRecord Convert(IMessageSummary s, bool withModSeq, bool inJunk = false) =>
        Convert(FactsOf(s, withModSeq), s.Headers, AttachmentsOf(s), inJunk);

    /// <summary>The facts of a MailKit summary as both FETCH paths hand them to the shared conversion.</summary>
    public static MessageFacts FactsOf(IMessageSummary s, bool withModSeq) =>
        new(s.UniqueId.Id, FlagsOf(s.Flags), KeywordsOf(s.Keywords), withModSeq ? s.ModSeq ?? 0 : 0, s.InternalDate, s.Size ?? 0);

    /// <summary>
    /// The one conversion both FETCH paths share: the parsed header fields (HEADER.FIELDS, References included) plus what the
    /// FETCH said about the message. References come from the first References field, as MailKit's summary takes them.
    /// </summary>
    public static MessageRecord Convert(in MessageFacts facts, HeaderList? fields, List<AttachmentInfo> attachments, bool inJunk)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Header? fromHeader = null, toHeader = null, ccHeader = null, bccHeader = null, subjectHeader = null, dateHeader = null, idHeader = null, replyHeader = null, referencesHeader = null;
        if (fields is not null)
        {
            foreach (var header in fields)
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
                    case HeaderId.References: referencesHeader ??= header; continue;
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

        DateTimeOffset? sent = dateHeader is not null && DateUtils.TryParse(dateHeader.RawValue, 0, dateHeader.RawValue.Length, out var parsed) ? parsed : null;
        var date = sent ?? facts.InternalDate ?? DateTimeOffset.UnixEpoch;
        var classification = MessageClassifier.Classify(new ClassificationInput(fromAddress, from?.Name, subject, headers, inJunk));
        return new MessageRecord
        {
            Uid = facts.Uid,
            Flags = facts.Flags,
            Keywords = facts.Keywords,
            ModSeq = facts.ModSeq,
            InternalDate = facts.InternalDate,
            Date = date,
            Size = facts.Size,
            Subject = subject,
            FromName = string.IsNullOrWhiteSpace(from?.Name) ? null : from.Name,
            FromAddress = fromAddress,
            ToList = to.ToString(),
            CcList = cc.ToString(),
            Recipients = recipients.ToString(),
            MessageId = idHeader is null ? null : BareId(MimeUtils.ParseMessageId(idHeader.RawValue, 0, idHeader.RawValue.Length) ?? idHeader.Value),
            InReplyTo = replyHeader is null ? null : BareId(MimeUtils.EnumerateReferences(replyHeader.RawValue, 0, replyHeader.RawValue.Length).FirstOrDefault()),
            References = ReferencesOf(referencesHeader),
            ListId = headers.TryGetValue("List-Id", out var listId) ? listId : null,
            ClassHeaders = headers.Count > 0 ? JsonSerializer.Serialize(headers, CacheJsonContext.Default.DictionaryStringString) : null,
            Classification = classification,
            Attachments = attachments,
        };
    }

    private static List<string> ReferencesOf(Header? header)
    {
        var references = new List<string>();
        if (header is null)
            return references;
        foreach (var id in MimeUtils.EnumerateReferences(header.RawValue, 0, header.RawValue.Length))
        {
            if (BareId(id) is { Length: > 0 } bare)
                references.Add(bare);
        }

        return references;
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
    public static MessageRecord Fallback(in MessageFacts facts) => new()
    {
        Uid = facts.Uid,
        Flags = facts.Flags,
        Date = facts.InternalDate ?? DateTimeOffset.UnixEpoch,
        InternalDate = facts.InternalDate,
        Size = facts.Size,
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
