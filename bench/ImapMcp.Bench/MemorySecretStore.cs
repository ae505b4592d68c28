using System.Collections.Concurrent;
using ImapMcp.Mail.Secrets;

namespace ImapMcp.Bench;

/// <summary>
/// A keychain in memory: the benchmark measures the engine, not gnome-keyring (its D-Bus round trips happen once per
/// process, not per message).
/// </summary>
internal sealed class MemorySecretStore : ISecretStore
{
    private readonly ConcurrentDictionary<string, string> _secrets = new(StringComparer.Ordinal);

    public string Name => "memory";

    public Task<string?> GetAsync(string account, string kind, CancellationToken cancellationToken = default) =>
        Task.FromResult(_secrets.TryGetValue(account + "/" + kind, out var s) ? s : null);

    public Task SetAsync(string account, string kind, string secret, CancellationToken cancellationToken = default)
    {
        _secrets[account + "/" + kind] = secret;
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string account, string kind, CancellationToken cancellationToken = default) =>
        Task.FromResult(_secrets.TryRemove(account + "/" + kind, out _));
}
