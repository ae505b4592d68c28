using ImapMcp.Mail.Query;

namespace ImapMcp.Mail.Configuration;

/// <summary>One validated account: where the server is, who the owner is, what to sync and where the cache lives.</summary>
public sealed class AccountSettings
{
    /// <summary>The account's name in the config (letters, digits, dot, dash, underscore); also its keychain entry.</summary>
    public required string Name { get; init; }

    /// <summary>The IMAP server's host name.</summary>
    public required string Host { get; init; }

    /// <summary>The IMAP server's port.</summary>
    public required int Port { get; init; }

    /// <summary>How the connection is protected.</summary>
    public required ImapSecurity Security { get; init; }

    /// <summary>The IMAP login name.</summary>
    public required string UserName { get; init; }

    /// <summary>The owner's own addresses, lower-case: mail from these is "sent by me".</summary>
    public required IReadOnlyList<string> Addresses { get; init; }

    /// <summary>Folder roles set in the config; they win over SPECIAL-USE.</summary>
    public IReadOnlyDictionary<FolderRole, string> FolderRoles { get; init; } = new Dictionary<FolderRole, string>();

    /// <summary>Folders to sync; empty means all subscribed folders (or all, see <see cref="SubscribedOnly"/>).</summary>
    public IReadOnlyList<string> IncludeFolders { get; init; } = [];

    /// <summary>Folders never synced (a trailing <c>/*</c> excludes a subtree).</summary>
    public IReadOnlyList<string> ExcludeFolders { get; init; } = [];

    /// <summary>Whether only subscribed folders are synced when <see cref="IncludeFolders"/> is empty.</summary>
    public bool SubscribedOnly { get; init; } = true;

    /// <summary>The absolute path of the cache database.</summary>
    public required string CachePath { get; init; }

    /// <summary>Whether the cache is encrypted at rest.</summary>
    public bool Encrypt { get; init; }

    /// <summary>Which bodies the background phase downloads.</summary>
    public BodyPolicy Bodies { get; init; } = BodyPolicy.All;

    /// <summary>
    /// How far back sync fetches headers (by INTERNALDATE, whole days): null for all mail, or a window such as 12 months.
    /// New mail always follows; older mail loads on request (<see cref="Sync.SyncOptions.Since"/>).
    /// </summary>
    public MailPeriod? HeaderWindow { get; init; }

    /// <summary>An environment variable that may hold the password (weaker than the keychain; for headless servers).</summary>
    public string? PasswordEnvironmentVariable { get; init; }

    /// <summary>The preset the account was built from, if any.</summary>
    public ProviderPreset? Provider { get; init; }

    /// <summary>Whether an address belongs to the owner.</summary>
    public bool IsOwnAddress(string? address) =>
        address is not null && Addresses.Contains(address.Trim().ToLowerInvariant(), StringComparer.Ordinal);
}
