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
    private AccountsOpening(Task<AccountRegistry> task) => Task = task;

    public Task<AccountRegistry> Task { get; }

    public static AccountsOpening Start(ServeOptions options, ISecretStore? secrets, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        new(System.Threading.Tasks.Task.Run(
            async () =>
            {
                var config = await MailConfiguration.LoadAsync(options.ConfigPath, cancellationToken).ConfigureAwait(false);
                return await AccountRegistry.OpenAsync(config, options, secrets, time, loggers, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken));

    /// <summary>
    /// Whether the write tools are served: <c>--write</c>, or <c>"allowWrite": true</c> at the top of the config. Read by a
    /// quick look at the file rather than by waiting for the full load, which runs beside the host start: waiting for it put
    /// the config's JSON and validation on the handshake's path. A config the full load refuses stops the server anyway.
    /// </summary>
    public static bool WriteAllowed(ServeOptions options) => options.Write || MailConfiguration.ReadsAllowWrite(options.ConfigPath);

    /// <summary>
    /// The registry for dependency injection. Tools are called only after the handshake, by which time the accounts are
    /// open; should a call come first it waits here for the rest of the opening (a failed opening stops the server).
    /// </summary>
    public AccountRegistry Registry() => Task.GetAwaiter().GetResult();
}
