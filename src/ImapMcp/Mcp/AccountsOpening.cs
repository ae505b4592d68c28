using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Secrets;
using Microsoft.Extensions.Logging;

namespace ImapMcp.Mcp;

/// <summary>
/// The accounts being opened (config, caches, keys) while the host and the MCP SDK start, so the handshake waits for
/// neither: both are mostly JIT work and run on separate cores.
/// </summary>
internal sealed class AccountsOpening
{
    private AccountsOpening(Task<MailConfiguration> config, Task<AccountRegistry> task)
    {
        Config = config;
        Task = task;
    }

    /// <summary>The config file, read first (it says whether the write tools are served).</summary>
    public Task<MailConfiguration> Config { get; }

    public Task<AccountRegistry> Task { get; }

    public static AccountsOpening Start(ServeOptions options, ISecretStore? secrets, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var config = System.Threading.Tasks.Task.Run(() => MailConfiguration.LoadAsync(options.ConfigPath, cancellationToken), cancellationToken);
        var registry = config.ContinueWith(
            c => AccountRegistry.OpenAsync(c.GetAwaiter().GetResult(), options, secrets, time, loggers, cancellationToken),
            cancellationToken, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        return new AccountsOpening(config, registry);
    }

    /// <summary>
    /// Whether the write tools are served: <c>--write</c>, or <c>"allowWrite": true</c> in the config (waited for here;
    /// reading it is quick). A config that cannot be read serves no write tools: the opening fails and stops the server
    /// with that error anyway.
    /// </summary>
    public bool WriteAllowed(ServeOptions options)
    {
        if (options.Write)
            return true;
        try
        {
            return Config.GetAwaiter().GetResult().AllowWrite;
        }
        catch (Exception e) when (e is ConfigurationException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// The registry for dependency injection. Tools are called only after the handshake, by which time the accounts are
    /// open; should a call come first it waits here for the rest of the opening (a failed opening stops the server).
    /// </summary>
    public AccountRegistry Registry() => Task.GetAwaiter().GetResult();
}
