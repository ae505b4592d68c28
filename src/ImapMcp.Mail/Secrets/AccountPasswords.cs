using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Sync;

namespace ImapMcp.Mail.Secrets;

/// <summary>
/// Where an account's password comes from: the OS keychain first, then (weaker, for headless servers) the environment
/// variable named by <c>passwordEnv</c> or <c>IMAP_MCP_PASSWORD_&lt;NAME&gt;</c>.
/// </summary>
public static class AccountPasswords
{
    /// <summary>The fallback environment variable for an account: <c>passwordEnv</c>, else <c>IMAP_MCP_PASSWORD_&lt;NAME&gt;</c>.</summary>
    public static string EnvironmentVariable(AccountSettings account) =>
        account.PasswordEnvironmentVariable ?? "IMAP_MCP_PASSWORD_" + new string(account.Name.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    /// <summary>The password, or a <see cref="MailConnectionException"/> (NoPassword) saying how to provide one.</summary>
    public static async Task<string> GetAsync(AccountSettings account, ISecretStore? store, CancellationToken cancellationToken = default)
    {
        var variable = EnvironmentVariable(account);
        string? fromKeychain = null;
        SecretStoreException? keychainProblem = null;
        if (store is not null)
        {
            try
            {
                fromKeychain = await store.GetAsync(account.Name, SecretKinds.Password, cancellationToken).ConfigureAwait(false);
            }
            catch (SecretStoreException e)
            {
                keychainProblem = e;
            }
        }

        if (fromKeychain is not null)
            return fromKeychain;
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment)
            return fromEnvironment;
        var why = keychainProblem is null ? $"no password is stored for '{account.Name}'" : $"the keychain could not be read ({keychainProblem.Message})";
        throw new MailConnectionException(MailConnectionFailure.NoPassword,
            $"{char.ToUpperInvariant(why[0])}{why[1..]}. Run 'imap-mcp set-password --account {account.Name}', or set {variable} (weaker: any process of yours can read it).",
            keychainProblem);
    }

    /// <summary>Logs in with <paramref name="password"/> and only then stores it; a rejected login stores nothing.</summary>
    public static async Task SetAsync(AccountSettings account, string password, ISecretStore store, CancellationToken cancellationToken = default)
    {
        using (var client = await ImapConnector.ConnectAsync(account, password, cancellationToken).ConfigureAwait(false))
            await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
        await store.SetAsync(account.Name, SecretKinds.Password, password, cancellationToken).ConfigureAwait(false);
    }
}
