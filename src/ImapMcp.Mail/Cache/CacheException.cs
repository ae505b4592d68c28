namespace ImapMcp.Mail.Cache;

/// <summary>The cache file cannot be opened or is not an imap-mcp cache.</summary>
public sealed class CacheException : Exception
{
    public CacheException()
    {
    }

    public CacheException(string message)
        : base(message)
    {
    }

    public CacheException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
