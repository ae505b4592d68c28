namespace ImapMcp.Mail.Internal;

/// <summary>The kinds of value compared for equality in SQL; values compared with each other share a domain (and so a token).</summary>
internal enum TokenDomain : byte
{
    /// <summary>A full-text word.</summary>
    Word = 1,

    /// <summary>An e-mail address: <c>from_addr</c>, the <c>recipients</c> list, the owner's addresses.</summary>
    Address,

    /// <summary>A sender domain.</summary>
    Domain,

    /// <summary>A Message-ID: <c>message_id</c>, <c>thread_root</c>, <c>message_refs.ref</c>.</summary>
    MessageId,

    /// <summary>A normalized subject.</summary>
    Subject,

    /// <summary>A classification rule.</summary>
    Rule,
}
