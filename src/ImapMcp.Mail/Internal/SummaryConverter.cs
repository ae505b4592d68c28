using System.Text;
using System.Text.Json;
using ImapMcp.Mail.Classification;
using ImapMcp.Mail.Query;
using MailKit;
using MimeKit;

namespace ImapMcp.Mail.Internal;

/// <summary>Turns a FETCH result into a <see cref="MessageRecord"/>; what does not parse is stored as far as it goes.</summary>
internal static class SummaryConverter
{
    public const MessageSummaryItems Items =
        MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.InternalDate | MessageSummaryItems.Size |
        MessageSummaryItems.Envelope | MessageSummaryItems.BodyStructure | MessageSummaryItems.References | MessageSummaryItems.ModSeq;

    public static MessageRecord Convert(IMessageSummary s, bool withModSeq, bool inJunk = false)
    {
        var envelope = s.Envelope;
        var from = envelope?.From.Mailboxes.FirstOrDefault();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (s.Headers is not null)
        {
            foreach (var header in s.Headers)
            {
                if (!headers.ContainsKey(header.Field))
                    headers[header.Field] = Clip(header.Value.Trim(), 300);
            }
        }

        var subject = envelope?.Subject ?? "";
        var fromAddress = from?.Address?.Trim().ToLowerInvariant() ?? "";
        var recipients = new StringBuilder(" ");
        foreach (var list in new[] { envelope?.To, envelope?.Cc, envelope?.Bcc })
        {
            if (list is null)
                continue;
            foreach (var m in list.Mailboxes)
            {
                if (!string.IsNullOrEmpty(m.Address))
                    recipients.Append(m.Address.Trim().ToLowerInvariant()).Append(' ');
            }
        }

        var attachments = AttachmentsOf(s);

        var date = envelope?.Date ?? s.InternalDate ?? DateTimeOffset.UnixEpoch;
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
            ToList = envelope?.To.ToString() ?? "",
            CcList = envelope?.Cc.ToString() ?? "",
            Recipients = recipients.ToString(),
            MessageId = BareId(envelope?.MessageId),
            InReplyTo = BareId(envelope?.InReplyTo),
            References = s.References?.Select(r => BareId(r)!).Where(r => !string.IsNullOrEmpty(r)).ToList() ?? [],
            ListId = headers.TryGetValue("List-Id", out var listId) ? listId : null,
            ClassHeaders = headers.Count > 0 ? JsonSerializer.Serialize(headers, CacheJsonContext.Default.DictionaryStringString) : null,
            Classification = classification,
            Attachments = attachments,
        };
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
