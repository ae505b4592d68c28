using System.Diagnostics;

namespace ImapMcp.Mail.Secrets;

/// <summary>
/// The macOS login Keychain through the <c>security</c> tool (generic passwords, service "imap-mcp", account "NAME/KIND").
/// The secret is passed to <c>security</c> on its command line for the instant it runs; other users cannot read another user's process arguments on macOS.
/// </summary>
public sealed class MacKeychainStore : ISecretStore
{
    private const string Tool = "/usr/bin/security";

    /// <inheritdoc/>
    public string Name => "macOS Keychain";

    /// <inheritdoc/>
    public async Task<string?> GetAsync(string account, string kind, CancellationToken cancellationToken = default)
    {
        var (code, output, error) = await RunAsync(["find-generic-password", "-s", SecretKinds.Service, "-a", Key(account, kind), "-w"], cancellationToken).ConfigureAwait(false);
        if (code == 44)
            return null; // errSecItemNotFound
        if (code != 0)
            throw new SecretStoreException($"The macOS Keychain refused the lookup (security exit {code}): {error.Trim()}");
        return output.TrimEnd('\n');
    }

    /// <inheritdoc/>
    public async Task SetAsync(string account, string kind, string secret, CancellationToken cancellationToken = default)
    {
        var (code, _, error) = await RunAsync(
            ["add-generic-password", "-U", "-s", SecretKinds.Service, "-a", Key(account, kind), "-l", $"imap-mcp {kind} for {account}", "-w", secret], cancellationToken).ConfigureAwait(false);
        if (code != 0)
            throw new SecretStoreException($"The macOS Keychain refused to store the secret (security exit {code}): {error.Trim()}");
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(string account, string kind, CancellationToken cancellationToken = default)
    {
        var (code, _, error) = await RunAsync(["delete-generic-password", "-s", SecretKinds.Service, "-a", Key(account, kind)], cancellationToken).ConfigureAwait(false);
        if (code == 44)
            return false;
        if (code != 0)
            throw new SecretStoreException($"The macOS Keychain refused the delete (security exit {code}): {error.Trim()}");
        return true;
    }

    private static string Key(string account, string kind) => account + "/" + kind;

    private static async Task<(int Code, string Output, string Error)> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new SecretStoreException("Cannot start /usr/bin/security.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }
}
