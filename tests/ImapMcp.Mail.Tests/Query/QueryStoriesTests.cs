namespace ImapMcp.Mail.Tests.Query;

/// <summary>The hand-made stories over a plaintext cache.</summary>
public sealed class QueryStoriesTests() : QueryStories(encrypted: false);
