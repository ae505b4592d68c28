namespace ImapMcp.Bench;

/// <summary>One IMAP response: whether it is FETCH data, and its text when it is not.</summary>
internal readonly record struct RawResponse(bool IsFetch, string? Text);
