namespace ImapMcp.Mail.Internal.Imap;

/// <summary>
/// The items of one untagged FETCH response as <see cref="FetchResponseParser"/> read them. The header block and the
/// BODYSTRUCTURE stay where they are in the response buffer, so nothing is copied that the conversion does not need.
/// </summary>
internal sealed class FetchedMessage
{
    public uint Uid { get; set; }

    public bool HasUid { get; set; }

    /// <summary>System flags in the cache's encoding (MailKit's MessageFlags without \Recent).</summary>
    public int Flags { get; set; }

    /// <summary>Keywords, sorted ordinally and space-separated; null when there are none.</summary>
    public string? Keywords { get; set; }

    public DateTimeOffset? InternalDate { get; set; }

    public long? Size { get; set; }

    public ulong? ModSeq { get; set; }

    /// <summary>The BODY[HEADER.FIELDS (...)] bytes (in the response buffer, valid until the next read); null when the response has none or NIL.</summary>
    public ReadOnlyMemory<byte>? Header { get; set; }

    /// <summary>The BODYSTRUCTURE value (from its opening parenthesis, in the response buffer); null when absent.</summary>
    public ReadOnlyMemory<byte>? Structure { get; set; }

    public void Clear()
    {
        Uid = 0;
        HasUid = false;
        Flags = 0;
        Keywords = null;
        InternalDate = null;
        Size = null;
        ModSeq = null;
        Header = null;
        Structure = null;
    }
}
