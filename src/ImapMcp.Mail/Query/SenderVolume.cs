namespace ImapMcp.Mail.Query;

/// <summary>How much one sender sent in a window, how much is unread, and how the sender is classified (with the deciding rule of their latest message).</summary>
public sealed record SenderVolume(string Address, string? Name, string Domain, int Messages, int Unread, bool Automated, string Rule, string Category);
