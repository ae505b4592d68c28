using ImapMcp.Mail.Secrets;

namespace ImapMcp.Mail.Tests.Support;

/// <summary>A keychain in memory, for tests whose subject is not the keychain.</summary>
internal sealed class MemorySecretStore : ISecretStore
{
    private readonly Dictionary<string, string> _secrets = [];

    public string Name => "memory";

    public Task<string?> GetAsync(string account, string kind, CancellationToken cancellationToken = default) =>
        Task.FromResult(_secrets.GetValueOrDefault(account + "/" + kind));

    public Task SetAsync(string account, string kind, string secret, CancellationToken cancellationToken = default)
    {
        _secrets[account + "/" + kind] = secret;
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string account, string kind, CancellationToken cancellationToken = default) =>
        Task.FromResult(_secrets.Remove(account + "/" + kind));
}
