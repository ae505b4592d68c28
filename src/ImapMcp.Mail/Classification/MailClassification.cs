namespace ImapMcp.Mail.Classification;

/// <summary>Whether a message is automated or from a human, the rule that decided it, and its category with the rule for that.</summary>
public sealed record MailClassification(bool Automated, string Rule, string Category, string CategoryRule);
