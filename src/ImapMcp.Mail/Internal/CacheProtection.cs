using ImapMcp.Mail.Cache;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Internal;

/// <summary>
/// The marker that says whether a cache file holds encrypted mail, and the check that the keychain's key is the one that
/// wrote it. A cache never mixes: opening a plaintext cache for an encrypting account (or the reverse) is refused with
/// the fix (delete the file: it is rebuilt from the server, and deleting also drops what free pages still hold).
/// </summary>
internal static class CacheProtection
{
    public const string None = "none";
    public const string Sealed = "aes-256-gcm+hmac-sha256/1";
    private const string KeyCheckText = "imap-mcp cache key check";

    public static async Task<CacheCodec> OpenAsync(SqliteConnection connection, string path, CacheKeys? keys, CancellationToken cancellationToken)
    {
        var marker = await ReadAsync(connection, "protection", cancellationToken).ConfigureAwait(false) as string;
        if (marker is null)
        {
            // A cache created before this marker existed can only be a plaintext one; a new, empty one takes the account's choice.
            var empty = await Sql.ScalarAsync(connection, "SELECT NOT EXISTS (SELECT 1 FROM messages);", cancellationToken).ConfigureAwait(false) is 1L;
            if (!empty || keys is null)
            {
                await WriteAsync(connection, "protection", None, cancellationToken).ConfigureAwait(false);
                marker = None;
            }
            else
            {
                var created = new SealedCacheCodec(await keys.GetOrCreateAsync(cancellationToken).ConfigureAwait(false), path);
                await WriteAsync(connection, "key_check", created.Seal(KeyCheckText, CacheColumn.KeyCheck, 0, 0), cancellationToken).ConfigureAwait(false);
                await WriteAsync(connection, "protection", Sealed, cancellationToken).ConfigureAwait(false);
                return created;
            }
        }

        var delete = $"Delete {path} (with its -wal and -shm files) and sync again: the cache is rebuilt from the server.";
        switch (marker)
        {
            case None when keys is null:
                return CacheCodec.Plain;
            case None:
                throw new CacheException($"The cache {path} holds unencrypted mail, but the account '{keys.Account}' now has \"encrypt\": true. " +
                                         $"{delete} (Deleting rather than converting also drops the plaintext SQLite keeps in free pages.)");
            case Sealed when keys is null:
                throw new CacheException($"The cache {path} is encrypted, but the account opening it has \"encrypt\": false. " +
                                         $"Set \"encrypt\": true again, or: {delete}");
            case Sealed:
                var key = await keys.GetAsync(cancellationToken).ConfigureAwait(false)
                          ?? throw new CacheException($"The cache {path} is encrypted, but {keys.StoreName} holds no cache key for the account '{keys.Account}' " +
                                                      $"(was the keychain reset, or is this another machine?). Without the key it cannot be read. {delete} A new key is created then.");
                var codec = new SealedCacheCodec(key, path);
                try
                {
                    if (await ReadAsync(connection, "key_check", cancellationToken).ConfigureAwait(false) is not byte[] check || codec.Open(check, CacheColumn.KeyCheck, 0, 0) != KeyCheckText)
                        throw new CacheException("no key check");
                }
                catch (CacheException e)
                {
                    throw new CacheException($"The cache {path} is encrypted with another key than the one {keys.StoreName} holds for the account '{keys.Account}'. " +
                                             $"{delete} It is then encrypted with the key in the keychain.", e);
                }

                return codec;
            default:
                throw new CacheException($"The cache {path} is protected by '{marker}', which this imap-mcp does not know; upgrade, or: {delete}");
        }
    }

    private static async Task<object?> ReadAsync(SqliteConnection connection, string key, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM cache_info WHERE key = $k;";
        command.Add("$k", key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteAsync(SqliteConnection connection, string key, object value, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO cache_info(key, value) VALUES ($k, $v);";
        command.Add("$k", key);
        command.Add("$v", value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
