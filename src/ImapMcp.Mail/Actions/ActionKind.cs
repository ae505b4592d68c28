namespace ImapMcp.Mail.Actions;

/// <summary>What an action does to messages or folders; also the journal's name for it.</summary>
public enum ActionKind
{
    /// <summary>Add \Seen.</summary>
    MarkRead,

    /// <summary>Remove \Seen.</summary>
    MarkUnread,

    /// <summary>Add \Flagged.</summary>
    Flag,

    /// <summary>Remove \Flagged.</summary>
    Unflag,

    /// <summary>Move to a named folder.</summary>
    Move,

    /// <summary>Copy to a named folder.</summary>
    Copy,

    /// <summary>Move to the archive role folder.</summary>
    Archive,

    /// <summary>Move to the trash role folder, or (with <see cref="MessageAction.Permanent"/>) STORE \Deleted + UID EXPUNGE.</summary>
    Delete,

    /// <summary>A folder was created (and subscribed).</summary>
    CreateFolder,

    /// <summary>A folder was renamed.</summary>
    RenameFolder,

    /// <summary>A folder was deleted.</summary>
    DeleteFolder,

    /// <summary>A draft was appended to the drafts folder.</summary>
    CreateDraft,

    /// <summary>A draft was replaced by a new version.</summary>
    UpdateDraft,

    /// <summary>A draft was moved to the trash.</summary>
    DeleteDraft,

    /// <summary>An earlier journal entry was reversed.</summary>
    Undo,
}
