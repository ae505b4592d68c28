namespace ImapMcp.Mail.Secrets;

/// <summary>An OS keychain holding imap-mcp's secrets, keyed by account name and kind (see <see cref="SecretKinds"/>).</summary>
public interface ISecretStore
{
    /// <summary>A short name for messages ("Secret Service", "macOS Keychain"...).</summary>
    string Name { get; }

    /// <summary>The stored secret, or null when there is none.</summary>
    Task<string?> GetAsync(string account, string kind, CancellationToken cancellationToken = default);

    /// <summary>Stores (or replaces) a secret.</summary>
    Task SetAsync(string account, string kind, string secret, CancellationToken cancellationToken = default);

    /// <summary>Deletes a secret; false when there was none.</summary>
    Task<bool> DeleteAsync(string account, string kind, CancellationToken cancellationToken = default);
}
