namespace ImapMcp.Mail.Query;

/// <summary>How much one sender domain sent in a window.</summary>
public sealed record DomainVolume(string Domain, int Messages, int Senders, int Unread, int Automated);
