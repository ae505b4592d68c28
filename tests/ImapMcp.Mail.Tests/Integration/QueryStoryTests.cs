namespace ImapMcp.Mail.Tests.Integration;

/// <summary>The generated mailbox's stories over a plaintext cache.</summary>
public sealed class QueryStoryTests(GeneratedMailboxFixture fixture) : MailboxStories<GeneratedMailboxFixture>(fixture), IClassFixture<GeneratedMailboxFixture>;
