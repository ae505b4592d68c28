namespace ImapMcp.Mail.Classification;

/// <summary>What the classifier looks at: the sender, the subject, the classification headers (names case-insensitive) and whether the message sits in Junk.</summary>
public sealed record ClassificationInput(string? FromAddress, string? FromName, string? Subject, IReadOnlyDictionary<string, string> Headers, bool InJunk = false);
