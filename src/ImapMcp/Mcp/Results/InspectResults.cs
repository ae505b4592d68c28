namespace ImapMcp.Mcp.Results;

internal sealed record CalendarEvent(
    string Key,
    string Part,
    string? Method,
    string? Summary,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    bool AllDay,
    string? Organizer,
    string? Location,
    string? Uid,
    string? Status,
    IReadOnlyList<string> Attendees);

internal sealed record CalendarOutput(string Account, int MessagesScanned, IReadOnlyList<CalendarEvent> Events, IReadOnlyList<string> Problems, Freshness Freshness);

internal sealed record AuthenticationResult(string Header, string? Method, string? Result, string? Domain, string Raw);

internal sealed record AuthenticationOutput(
    string Account,
    string Key,
    string FromAddress,
    string? Spf,
    string? Dkim,
    string? Dmarc,
    IReadOnlyList<AuthenticationResult> Results,
    IReadOnlyList<string> DkimSigners,
    string Warning);
