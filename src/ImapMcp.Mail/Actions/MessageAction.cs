namespace ImapMcp.Mail.Actions;

/// <summary>An action over messages: what to do, where to (for <see cref="ActionKind.Move"/> and <see cref="ActionKind.Copy"/>), and whether a delete is permanent.</summary>
public sealed record MessageAction(ActionKind Kind, string? Destination = null, bool Permanent = false)
{
    /// <summary>Add \Seen.</summary>
    public static MessageAction MarkRead { get; } = new(ActionKind.MarkRead);

    /// <summary>Remove \Seen.</summary>
    public static MessageAction MarkUnread { get; } = new(ActionKind.MarkUnread);

    /// <summary>Add \Flagged.</summary>
    public static MessageAction Flag { get; } = new(ActionKind.Flag);

    /// <summary>Remove \Flagged.</summary>
    public static MessageAction Unflag { get; } = new(ActionKind.Unflag);

    /// <summary>Move to the archive role folder.</summary>
    public static MessageAction Archive { get; } = new(ActionKind.Archive);

    /// <summary>Move to <paramref name="folder"/>.</summary>
    public static MessageAction MoveTo(string folder) => new(ActionKind.Move, folder);

    /// <summary>Copy to <paramref name="folder"/>.</summary>
    public static MessageAction CopyTo(string folder) => new(ActionKind.Copy, folder);

    /// <summary>Move to the trash, or expunge for good when <paramref name="permanent"/> (not undoable).</summary>
    public static MessageAction Delete(bool permanent = false) => new(ActionKind.Delete, null, permanent);

    /// <summary>True for the kinds that act on messages (not folders, drafts or undo).</summary>
    public bool IsMessageAction => Kind is >= ActionKind.MarkRead and <= ActionKind.Delete;

    /// <summary>False only for a permanent delete: everything else can be reversed from the journal.</summary>
    public bool IsUndoable => !(Kind == ActionKind.Delete && Permanent);
}
