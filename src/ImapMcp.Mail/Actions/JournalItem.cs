namespace ImapMcp.Mail.Actions;

/// <summary>One message an action touched: where it was (folder, UID, UIDVALIDITY, flags) and where it went.</summary>
public sealed record JournalItem(
    string Folder,
    uint Uid,
    uint UidValidity,
    string? MessageId,
    int? FlagsBefore,
    int? FlagsAfter,
    string? ToFolder,
    uint? ToUid,
    uint? ToUidValidity);
