using ImapMcp.Mail.Classification;
using ImapMcp.Mail.Query;

namespace ImapMcp.Mail.Internal;

/// <summary>One message's header data as sync stores it.</summary>
internal sealed class MessageRecord
{
    public required uint Uid { get; init; }

    public int Flags { get; init; }

    public string? Keywords { get; init; }

    public ulong ModSeq { get; init; }

    public DateTimeOffset? InternalDate { get; init; }

    public required DateTimeOffset Date { get; init; }

    public long Size { get; init; }

    public string Subject { get; init; } = "";

    public string? FromName { get; init; }

    public string FromAddress { get; init; } = "";

    public string ToList { get; init; } = "";

    public string CcList { get; init; } = "";

    /// <summary>Every To/Cc/Bcc address, lower-case, space-separated and space-padded for whole-address matching.</summary>
    public string Recipients { get; init; } = "";

    public string? MessageId { get; init; }

    public string? InReplyTo { get; init; }

    public IReadOnlyList<string> References { get; init; } = [];

    public string? ListId { get; init; }

    public string? ClassHeaders { get; init; }

    public required MailClassification Classification { get; init; }

    public IReadOnlyList<AttachmentInfo> Attachments { get; init; } = [];

    /// <summary>Text for the full-text index of the recipients (names and addresses).</summary>
    public string RecipientsText => string.IsNullOrEmpty(CcList) ? ToList : ToList + ", " + CcList;

    /// <summary>The thread key: the first reference, else In-Reply-To, else the message's own id.</summary>
    public string? ThreadRoot => References.Count > 0 ? References[0] : InReplyTo ?? MessageId;
}
