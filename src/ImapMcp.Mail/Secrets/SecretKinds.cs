namespace ImapMcp.Mail.Secrets;

/// <summary>The kinds of secret imap-mcp keeps per account.</summary>
public static class SecretKinds
{
    /// <summary>The IMAP password.</summary>
    public const string Password = "password";

    /// <summary>The random key that encrypts the cache.</summary>
    public const string CacheKey = "cache-key";

    /// <summary>The service name all entries are filed under.</summary>
    public const string Service = "imap-mcp";
}
