namespace ImapMcp.Mail.Internal;

/// <summary>What a FETCH says about a message besides its headers and structure, from either FETCH path.</summary>
internal readonly record struct MessageFacts(uint Uid, int Flags, string? Keywords, ulong ModSeq, DateTimeOffset? InternalDate, long Size);
