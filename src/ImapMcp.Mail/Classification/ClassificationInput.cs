namespace ImapMcp.Mail.Classification;

/// <summary>What the classifier looks at: the sender, the subject and the classification headers (names case-insensitive).</summary>
public sealed record ClassificationInput(string? FromAddress, string? FromName, string? Subject, IReadOnlyDictionary<string, string> Headers);
