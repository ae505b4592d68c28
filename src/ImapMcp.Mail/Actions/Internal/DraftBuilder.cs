using System.Globalization;
using System.Text;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Internal;
using MimeKit;
using MimeKit.Utils;

namespace ImapMcp.Mail.Actions.Internal;

/// <summary>Builds draft messages with MimeKit: new drafts, replies with threading headers and quoted text, new versions of a draft.</summary>
internal static class DraftBuilder
{
    public const int MaxBodyLength = 200_000;
    public const int MaxSubjectLength = 998;
    public const int MaxRecipients = 100;

    /// <summary>A new draft from the owner; throws <see cref="ActionException"/> for a malformed address or an over-long field.</summary>
    public static MimeMessage Create(AccountSettings account, DraftContent content, DateTimeOffset now) =>
        Build(account, OwnAddress(account, null), Parse(content.To ?? [], "to"), Parse(content.Cc ?? [], "cc"), content.Subject ?? "", content.Body ?? "", null, [], now);

    /// <summary>
    /// A reply to <paramref name="original"/>: To its Reply-To (else From; the original's To when the owner wrote it), with
    /// reply-all the other recipients in Cc except the owner, "Re: " once, In-Reply-To and References, the original quoted.
    /// </summary>
    public static MimeMessage Reply(AccountSettings account, MimeMessage original, string body, bool replyAll, DateTimeOffset now)
    {
        var sender = original.From.Mailboxes.FirstOrDefault();
        var fromOwner = sender is not null && account.IsOwnAddress(sender.Address);
        var to = fromOwner
            ? original.To.Mailboxes.ToList()
            : (original.ReplyTo.Mailboxes.Any() ? original.ReplyTo.Mailboxes : original.From.Mailboxes).ToList();
        var cc = new List<MailboxAddress>();
        if (replyAll)
        {
            var seen = new HashSet<string>(to.Select(a => a.Address), StringComparer.OrdinalIgnoreCase);
            foreach (var a in original.To.Mailboxes.Concat(original.Cc.Mailboxes).Append(sender))
            {
                if (a is not null && !account.IsOwnAddress(a.Address) && seen.Add(a.Address))
                    cc.Add(a);
            }
        }

        var ownRecipient = original.To.Mailboxes.Concat(original.Cc.Mailboxes).FirstOrDefault(a => account.IsOwnAddress(a.Address));
        var subject = original.Subject ?? "";
        if (!subject.TrimStart().StartsWith("re:", StringComparison.OrdinalIgnoreCase))
            subject = "Re: " + subject;
        var references = original.References.ToList();
        if (original.MessageId is { } id && !references.Contains(id, StringComparer.Ordinal))
            references.Add(id);

        var text = new StringBuilder(body.TrimEnd());
        text.Append("\n\n");
        var who = sender is null ? "someone" : string.IsNullOrWhiteSpace(sender.Name) ? sender.Address : $"{sender.Name} <{sender.Address}>";
        text.Append(CultureInfo.InvariantCulture, $"On {original.Date.ToString("ddd, d MMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture)}, {who} wrote:\n");
        foreach (var line in BodyText.Of(original).Split('\n'))
            text.Append(line.Length == 0 ? ">" : "> " + line).Append('\n');

        return Build(account, OwnAddress(account, ownRecipient?.Address), to, cc, subject, text.ToString(), original.MessageId, references, now);
    }

    /// <summary>A new version of <paramref name="old"/>: the fields given replace the old ones; threading headers stay.</summary>
    public static MimeMessage Update(AccountSettings account, MimeMessage old, DraftContent content, DateTimeOffset now) =>
        Build(
            account,
            old.From.Mailboxes.FirstOrDefault() ?? OwnAddress(account, null),
            content.To is { } to ? Parse(to, "to") : old.To.Mailboxes.ToList(),
            content.Cc is { } cc ? Parse(cc, "cc") : old.Cc.Mailboxes.ToList(),
            content.Subject ?? old.Subject ?? "",
            content.Body ?? BodyText.Of(old),
            old.InReplyTo,
            old.References.ToList(),
            now);

    private static MimeMessage Build(AccountSettings account, MailboxAddress from, IReadOnlyList<MailboxAddress> to, IReadOnlyList<MailboxAddress> cc, string subject, string body, string? inReplyTo, IReadOnlyList<string> references, DateTimeOffset now)
    {
        if (subject.Length > MaxSubjectLength)
            throw new ActionException($"The subject is {subject.Length} characters long; the limit is {MaxSubjectLength}. Shorten it.");
        if (body.Length > MaxBodyLength)
            throw new ActionException($"The body is {body.Length:N0} characters long; the limit is {MaxBodyLength:N0}. Shorten it.");
        if (to.Count + cc.Count > MaxRecipients)
            throw new ActionException($"The draft has {to.Count + cc.Count} recipients; the limit is {MaxRecipients}.");
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.AddRange(to);
        message.Cc.AddRange(cc);
        message.Subject = subject;
        message.Date = now;
        var domain = from.Address.Contains('@', StringComparison.Ordinal) ? from.Address[(from.Address.LastIndexOf('@') + 1)..] : account.Host;
        message.MessageId = MimeUtils.GenerateMessageId(domain);
        if (inReplyTo is not null)
            message.InReplyTo = inReplyTo;
        foreach (var r in references)
            message.References.Add(r);
        message.Body = new TextPart("plain") { Text = body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal) };
        return message;
    }

    private static MailboxAddress OwnAddress(AccountSettings account, string? preferred)
    {
        var address = preferred ?? account.Addresses.FirstOrDefault() ?? account.UserName;
        return new MailboxAddress("", address);
    }

    private static List<MailboxAddress> Parse(IReadOnlyList<string> addresses, string field)
    {
        if (addresses.Count > MaxRecipients)
            throw new ActionException($"{field} has {addresses.Count} addresses; the limit is {MaxRecipients}.");
        var list = new List<MailboxAddress>();
        foreach (var text in addresses)
        {
            if (!MailboxAddress.TryParse(text, out var mailbox) || !mailbox.Address.Contains('@', StringComparison.Ordinal) || mailbox.Address.StartsWith('@') || mailbox.Address.EndsWith('@'))
                throw new ActionException($"'{text}' in {field} is not an e-mail address; write it as name@example.com or \"Name <name@example.com>\".");
            list.Add(mailbox);
        }

        return list;
    }
}
