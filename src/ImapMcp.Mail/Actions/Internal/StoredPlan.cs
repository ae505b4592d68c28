namespace ImapMcp.Mail.Actions.Internal;

/// <summary>A plan as stored: the action, its query, times, and whether it was applied.</summary>
internal sealed record StoredPlan(string Id, MessageAction Action, string? Query, int Total, DateTimeOffset Created, DateTimeOffset Expires, DateTimeOffset? Applied);
