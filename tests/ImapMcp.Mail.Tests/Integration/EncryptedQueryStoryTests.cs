namespace ImapMcp.Mail.Tests.Integration;

/// <summary>The generated mailbox's stories, with the same answers, over an encrypted cache synced from the same Dovecot state.</summary>
public sealed class EncryptedQueryStoryTests(EncryptedMailboxFixture fixture) : MailboxStories<EncryptedMailboxFixture>(fixture), IClassFixture<EncryptedMailboxFixture>;
