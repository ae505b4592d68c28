namespace ImapMcp.Mail.Actions;

/// <summary>
/// A draft's content. Addresses are RFC 5322 mailboxes ("Name &lt;addr&gt;" or "addr"). For an update, a null field keeps
/// the old draft's value.
/// </summary>
public sealed record DraftContent
{
    /// <summary>To recipients.</summary>
    public IReadOnlyList<string>? To { get; init; }

    /// <summary>Cc recipients.</summary>
    public IReadOnlyList<string>? Cc { get; init; }

    /// <summary>The subject.</summary>
    public string? Subject { get; init; }

    /// <summary>The plain-text body.</summary>
    public string? Body { get; init; }
}
