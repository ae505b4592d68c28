namespace ImapMcp.Tests.Mcp;

/// <summary>The same mailbox and client as <see cref="McpServerFixture"/>, with its own Dovecot and imap-mcp serving with --write.</summary>
public sealed class WriteServerFixture : McpServerFixture
{
    protected override IReadOnlyList<string> ServerArguments => ["--write"];
}

[CollectionDefinition(Name)]
public sealed class WriteServerCollection : ICollectionFixture<WriteServerFixture>
{
    public const string Name = "imap-mcp server over stdio with --write";
}
