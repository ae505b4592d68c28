using ImapMcp.Mail.Tests.Query;

namespace ImapMcp.Mail.Tests.Encryption;

/// <summary>The same hand-made stories, with the same answers, over an encrypted cache.</summary>
public sealed class EncryptedQueryStoriesTests() : QueryStories(encrypted: true);
