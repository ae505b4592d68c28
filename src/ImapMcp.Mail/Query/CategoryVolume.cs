namespace ImapMcp.Mail.Query;

/// <summary>Messages of one category in a window and their share of the total.</summary>
public sealed record CategoryVolume(string Category, int Messages, double Share);
