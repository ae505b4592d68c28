using ImapMcp.Mail;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Secrets;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;

namespace ImapMcp.Mcp;

/// <summary>The accounts the server serves, opened at start (cache only, no network), in config order.</summary>
internal sealed class AccountRegistry : IDisposable
{
    private int _disposed;

    private AccountRegistry(IReadOnlyList<ServedAccount> accounts, ServeOptions options, bool writeEnabled, TimeProvider time)
    {
        Accounts = accounts;
        Options = options;
        WriteEnabled = writeEnabled;
        Time = time;
    }

    public IReadOnlyList<ServedAccount> Accounts { get; }

    public ServeOptions Options { get; }

    /// <summary>The write tools are served: <c>--write</c>, or <c>"allowWrite": true</c> in the config.</summary>
    public bool WriteEnabled { get; }

    public TimeProvider Time { get; }

    public static async Task<AccountRegistry> OpenAsync(MailConfiguration config, ServeOptions options, ISecretStore? secrets, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var opened = new List<ServedAccount>();
        try
        {
            foreach (var settings in config.Accounts)
            {
                var account = await MailAccount.OpenAsync(settings, secrets, time, loggers, cancellationToken).ConfigureAwait(false);
                opened.Add(new ServedAccount(account, time));
            }
        }
        catch
        {
            foreach (var a in opened)
                a.Dispose();
            throw;
        }

        return new AccountRegistry(opened, options, options.Write || config.AllowWrite, time);
    }

    /// <summary>The named account, or the first one when <paramref name="name"/> is empty.</summary>
    public ServedAccount Get(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return Accounts[0];
        var found = Accounts.FirstOrDefault(a => string.Equals(a.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
        return found ?? throw new McpException($"There is no account '{name}'. Accounts: {string.Join(", ", Accounts.Select(a => "'" + a.Name + "'"))} (call list_accounts).");
    }

    public void Dispose()
    {
        // The host's container and the host's caller may both dispose it.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        foreach (var a in Accounts)
            a.Dispose();
    }
}
