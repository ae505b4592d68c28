namespace ImapMcp.Mail.Internal.Imap;

/// <summary>The server answered a command of the lean session with NO or BAD; the connection itself is fine.</summary>
internal sealed class LeanImapCommandException : Exception
{
    public LeanImapCommandException()
    {
    }

    public LeanImapCommandException(string message)
        : base(message)
    {
    }

    public LeanImapCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
