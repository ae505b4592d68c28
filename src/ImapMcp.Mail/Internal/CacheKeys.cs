using System.Security.Cryptography;
using ImapMcp.Mail.Secrets;

namespace ImapMcp.Mail.Internal;

/// <summary>An encrypted cache's master key in the OS keychain: account name, kind <see cref="SecretKinds.CacheKey"/>, base64.</summary>
internal sealed class CacheKeys(ISecretStore store, string account)
{
    public string Account => account;

    public string StoreName => store.Name;

    /// <summary>The stored key, or null when there is none (a malformed entry counts as none).</summary>
    public async Task<byte[]?> GetAsync(CancellationToken cancellationToken)
    {
        var text = await store.GetAsync(account, SecretKinds.CacheKey, cancellationToken).ConfigureAwait(false);
        if (text is null)
            return null;
        var key = new byte[32];
        return Convert.TryFromBase64String(text.Trim(), key, out var n) && n == 32 ? key : null;
    }

    /// <summary>The stored key, or a new random one stored now.</summary>
    public async Task<byte[]> GetOrCreateAsync(CancellationToken cancellationToken)
    {
        if (await GetAsync(cancellationToken).ConfigureAwait(false) is { } existing)
            return existing;
        var key = RandomNumberGenerator.GetBytes(32);
        await store.SetAsync(account, SecretKinds.CacheKey, Convert.ToBase64String(key), cancellationToken).ConfigureAwait(false);
        return key;
    }
}
