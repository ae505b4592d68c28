namespace ImapMcp.Mail.Secrets;

/// <summary>The keychain is missing, locked or refused; the message says what to do. Never contains a secret.</summary>
public sealed class SecretStoreException : Exception
{
    public SecretStoreException()
    {
    }

    public SecretStoreException(string message)
        : base(message)
    {
    }

    public SecretStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
