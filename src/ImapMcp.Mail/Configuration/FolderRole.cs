namespace ImapMcp.Mail.Configuration;

/// <summary>The special role a folder plays (RFC 6154 SPECIAL-USE, or set in the config).</summary>
public enum FolderRole
{
    /// <summary>An ordinary folder.</summary>
    None,

    /// <summary>The inbox.</summary>
    Inbox,

    /// <summary>Mail the owner sent.</summary>
    Sent,

    /// <summary>Unsent drafts.</summary>
    Drafts,

    /// <summary>Deleted mail.</summary>
    Trash,

    /// <summary>Archived mail.</summary>
    Archive,

    /// <summary>Spam.</summary>
    Junk,

    /// <summary>A virtual folder holding every message (Gmail's All Mail).</summary>
    All,

    /// <summary>A virtual folder of flagged messages.</summary>
    Flagged,
}
