namespace ImapMcp.Mail.Query;

/// <summary>How many messages and senders one classification rule decided.</summary>
public sealed record RuleShare(string Rule, bool Automated, int Messages, int Senders);
