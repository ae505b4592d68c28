namespace ImapMcp.Mail.Query;

/// <summary>Messages of one category in one calendar month (UTC), <c>yyyy-MM</c>.</summary>
public sealed record MonthVolume(string Month, string Category, int Messages);
