using TestHarness.Mail.Internal;

namespace TestHarness.Mail;

/// <summary>
/// One message of a <see cref="GeneratedMailbox"/>: everything a test needs to assert what a client must see.
/// Header values are decoded; Message-IDs are given without angle brackets, as MimeKit gives them.
/// </summary>
public sealed class GeneratedMessage
{
    private int _size = -1;

    internal GeneratedMessage(
        MailboxContext context,
        MailCategory category,
        string folder,
        GeneratedAddress from,
        string subject,
        DateTimeOffset date,
        ulong seed)
    {
        Context = context;
        Category = category;
        Folder = folder;
        From = from;
        Subject = subject;
        Date = date;
        Seed = seed;
    }

    /// <summary>Position in the whole mailbox, ordered by date; also the order in which the loader writes files.</summary>
    public int Index { get; internal set; }

    /// <summary>The folder's full name with "/" as the hierarchy separator, e.g. "Archive/Old/Misc".</summary>
    public string Folder { get; internal set; }

    /// <summary>The UID the message gets when the mailbox is loaded into an empty server (1, 2, … in date order per folder).</summary>
    public uint Uid { get; internal set; }

    /// <summary>The Message-ID without angle brackets, or null when the message has none.</summary>
    public string? MessageId { get; internal set; }

    /// <summary>The In-Reply-To Message-ID without angle brackets, or null.</summary>
    public string? InReplyTo { get; internal set; }

    /// <summary>The References Message-IDs, oldest first, without angle brackets.</summary>
    public IReadOnlyList<string> References { get; internal set; } = [];

    /// <summary>The sender.</summary>
    public GeneratedAddress From { get; internal set; }

    /// <summary>The To recipients.</summary>
    public IReadOnlyList<GeneratedAddress> To { get; internal set; } = [];

    /// <summary>The Cc recipients.</summary>
    public IReadOnlyList<GeneratedAddress> Cc { get; internal set; } = [];

    /// <summary>The decoded subject.</summary>
    public string Subject { get; internal set; }

    /// <summary>The Date header's moment and offset (whole seconds); also the INTERNALDATE (Maildir file mtime).</summary>
    public DateTimeOffset Date { get; internal set; }

    /// <summary>The flags the server reports after loading.</summary>
    public MailFlags Flags { get; internal set; }

    /// <summary>What kind of mail this is.</summary>
    public MailCategory Category { get; }

    /// <summary>True for everything not written by a person (every category except <see cref="MailCategory.Human"/>).</summary>
    public bool IsAutomated => Category != MailCategory.Human;

    /// <summary>Which headers show that a machine sent it.</summary>
    public AutomationSignals AutomationSignals { get; internal set; }

    /// <summary>True when one of the owner's addresses sent it (Sent and Drafts).</summary>
    public bool IsFromOwner { get; internal set; }

    /// <summary>The list identifier inside the List-Id header's angle brackets (e.g. "repo.owner.github.com"), or null.</summary>
    public string? ListId { get; internal set; }

    /// <summary>The X-GitHub-Reason header (mention, subscribed, review_requested, …), or null.</summary>
    public string? GitHubReason { get; internal set; }

    /// <summary>The attachments, in order.</summary>
    public IReadOnlyList<GeneratedAttachment> Attachments { get; internal set; } = [];

    /// <summary>True when the message has at least one attachment.</summary>
    public bool HasAttachments => Attachments.Count > 0;

    /// <summary>The MIME structure of the body.</summary>
    public BodyShape Shape { get; internal set; }

    /// <summary>The charset of the text parts and of the encoded words in the headers (utf-8, iso-8859-1, windows-1252, koi8-r, shift_jis).</summary>
    public string Charset { get; internal set; } = "utf-8";

    /// <summary>How the message is deliberately broken, if it is.</summary>
    public Malformation Malformation { get; internal set; }

    /// <summary>The Message-ID of the first message of its conversation (or a synthetic key when it has no Message-ID).</summary>
    public string ThreadKey { get; internal set; } = "";

    /// <summary>The size of the raw message in bytes (CRLF line ends), which is also its RFC822.SIZE. Rendered on first use.</summary>
    public int Size
    {
        get
        {
            if (_size < 0)
            {
                _size = ToBytes().Length;
            }

            return _size;
        }
    }

    internal MailboxContext Context { get; }

    internal ulong Seed { get; }

    /// <summary>Exact body text for planted messages; generated from <see cref="Seed"/> when null.</summary>
    internal string? Body { get; set; }

    /// <summary>The sender profile for automated mail (headers, shapes), null for people.</summary>
    internal SenderProfile? Profile { get; set; }

    /// <summary>Extra headers written as given (name, value), e.g. Auto-Submitted: no on a human message.</summary>
    internal IReadOnlyList<KeyValuePair<string, string>> ExtraHeaders { get; set; } = [];

    /// <summary>Kind-specific detail the body writer uses (an alert name, an order number).</summary>
    internal string Detail { get; set; } = "";

    internal long Sequence { get; set; }

    /// <summary>The raw RFC 5322 message, CRLF line ends, exactly as the loader writes it to Maildir.</summary>
    public byte[] ToBytes()
    {
        var writer = new ByteWriter(Math.Max(4096, _size));
        try
        {
            MessageRenderer.Render(this, writer);
            _size = writer.Length;
            return writer.WrittenSpan.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    internal void RenderTo(ByteWriter writer)
    {
        var start = writer.Length;
        MessageRenderer.Render(this, writer);
        _size = writer.Length - start;
    }

    /// <summary>"Folder #uid: From — Subject", for test failure messages.</summary>
    public override string ToString() => $"{Folder} #{Uid}: {From} — {Subject}";
}
