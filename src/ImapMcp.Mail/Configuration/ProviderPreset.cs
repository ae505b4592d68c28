namespace ImapMcp.Mail.Configuration;

/// <summary>Known settings of a mail provider, so a config needs only <c>"provider": "gmail"</c> and a user name.</summary>
public sealed record ProviderPreset(
    string Name,
    string DisplayName,
    string Host,
    int Port,
    ImapSecurity Security,
    IReadOnlyDictionary<FolderRole, string> FolderRoles,
    IReadOnlyList<string> ExcludedFolders,
    string PasswordAdvice);
