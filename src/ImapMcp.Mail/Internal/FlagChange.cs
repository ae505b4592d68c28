namespace ImapMcp.Mail.Internal;

/// <summary>A message's flags as the server reported them.</summary>
internal readonly record struct FlagChange(uint Uid, int Flags, string? Keywords, ulong ModSeq);
