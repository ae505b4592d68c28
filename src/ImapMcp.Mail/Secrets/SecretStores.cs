namespace ImapMcp.Mail.Secrets;

/// <summary>Picks the operating system's keychain.</summary>
public static class SecretStores
{
    /// <summary>Secret Service on Linux and BSD, the Keychain on macOS, Credential Manager on Windows.</summary>
    public static ISecretStore ForThisSystem()
    {
        if (OperatingSystem.IsWindows())
            return new WindowsCredentialStore();
        if (OperatingSystem.IsMacOS())
            return new MacKeychainStore();
        return new SecretServiceStore();
    }
}
