namespace ImapMcp.Mail.Tests.Integration;

/// <summary>The same generated mailbox, synced into an encrypted cache (<c>"encrypt": true</c>).</summary>
public sealed class EncryptedMailboxFixture : GeneratedMailboxFixture
{
    public override bool Encrypt => true;
}
