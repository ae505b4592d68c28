namespace ImapMcp.Mail.Configuration;

/// <summary>The built-in provider presets: Gmail, Outlook/Microsoft 365, Fastmail, iCloud, Yahoo.</summary>
public static class ProviderPresets
{
    /// <summary>Every preset, by config name.</summary>
    public static IReadOnlyList<ProviderPreset> All { get; } =
    [
        new("gmail", "Gmail", "imap.gmail.com", 993, ImapSecurity.Tls,
            new Dictionary<FolderRole, string>
            {
                [FolderRole.Sent] = "[Gmail]/Sent Mail",
                [FolderRole.Drafts] = "[Gmail]/Drafts",
                [FolderRole.Trash] = "[Gmail]/Trash",
                [FolderRole.Junk] = "[Gmail]/Spam",
                [FolderRole.All] = "[Gmail]/All Mail",
            },
            // All Mail, Important and Starred repeat messages that already live in labels; syncing them doubles the cache.
            ["[Gmail]/All Mail", "[Gmail]/Important", "[Gmail]/Starred"],
            "Gmail needs an app password (Google Account → Security → App passwords) with IMAP enabled in Gmail settings."),
        new("outlook", "Outlook / Microsoft 365", "outlook.office365.com", 993, ImapSecurity.Tls,
            new Dictionary<FolderRole, string>
            {
                [FolderRole.Sent] = "Sent Items",
                [FolderRole.Drafts] = "Drafts",
                [FolderRole.Trash] = "Deleted Items",
                [FolderRole.Junk] = "Junk Email",
                [FolderRole.Archive] = "Archive",
            },
            [],
            "Outlook.com and Microsoft 365 accept an app password only where the tenant still allows basic IMAP authentication."),
        new("fastmail", "Fastmail", "imap.fastmail.com", 993, ImapSecurity.Tls,
            new Dictionary<FolderRole, string>(),
            [],
            "Fastmail needs an app password (Settings → Privacy & Security → Integrations → App passwords) with IMAP access."),
        new("icloud", "iCloud Mail", "imap.mail.me.com", 993, ImapSecurity.Tls,
            new Dictionary<FolderRole, string>
            {
                [FolderRole.Sent] = "Sent Messages",
                [FolderRole.Trash] = "Deleted Messages",
                [FolderRole.Drafts] = "Drafts",
                [FolderRole.Junk] = "Junk",
                [FolderRole.Archive] = "Archive",
            },
            [],
            "iCloud needs an app-specific password (appleid.apple.com → Sign-In and Security); the user name is the part before @icloud.com or the full address."),
        new("yahoo", "Yahoo Mail", "imap.mail.yahoo.com", 993, ImapSecurity.Tls,
            new Dictionary<FolderRole, string>
            {
                [FolderRole.Sent] = "Sent",
                [FolderRole.Trash] = "Trash",
                [FolderRole.Junk] = "Bulk",
                [FolderRole.Drafts] = "Draft",
                [FolderRole.Archive] = "Archive",
            },
            [],
            "Yahoo needs an app password (Account Info → Account security → Generate app password)."),
    ];

    /// <summary>Finds a preset by name (case-insensitive); <c>microsoft365</c>, <c>office365</c> and <c>hotmail</c> mean Outlook.</summary>
    public static ProviderPreset? Find(string name)
    {
        var key = name.Trim().ToLowerInvariant() switch
        {
            "microsoft365" or "office365" or "m365" or "hotmail" or "outlook.com" => "outlook",
            "googlemail" => "gmail",
            "me.com" or "apple" => "icloud",
            var other => other,
        };
        return All.FirstOrDefault(p => p.Name == key);
    }
}
