using System.Globalization;
using ImapMcp.Mail.Internal;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Cache;

/// <summary>One account's local cache: a SQLite file in WAL mode (mode 0600) with an FTS5 index. Safe for one writer and many readers.</summary>
public sealed class MailCache
{
    // cache_info entry of an encrypted cache: the form of its lookup keys (from_domain_key, list_key).
    private const string KeyTokensEntry = "lookup_keys";
    private const string KeyTokensVersion = "label-tokens/1";

    /// <summary>The SQL function (sealed address, folder id, UID, prefix) that an encrypted cache's connections answer.</summary>
    internal const string AddressStartsFunction = "imap_mcp_address_starts";

    private readonly string _connectionString;

    private MailCache(string path)
    {
        Path = path;
        Codec = CacheCodec.Plain;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Whether the mail in the cache is encrypted (<c>"encrypt": true</c>).</summary>
    public bool IsEncrypted => Codec.IsEncrypted;

    /// <summary>How values go in and come out: as they are, or sealed and tokenized.</summary>
    internal CacheCodec Codec { get; private set; }

    /// <summary>
    /// Opens (creating if needed) the unencrypted cache at <paramref name="path"/>; the file and its folder are readable
    /// only by the owner. An encrypted cache is refused with a <see cref="CacheException"/> (open it through <see cref="MailAccount"/>).
    /// </summary>
    public static Task<MailCache> OpenAsync(string path, CancellationToken cancellationToken = default) => OpenAsync(path, null, cancellationToken);

    /// <summary>Opens (creating if needed) the cache at <paramref name="path"/>, encrypted with the key in <paramref name="keys"/> when given.</summary>
    internal static async Task<MailCache> OpenAsync(string path, CacheKeys? keys, CancellationToken cancellationToken)
    {
        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(directory);
            else
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // SQLite gives the -wal and -shm files the database file's mode, so creating it 0600 first covers all three.
        if (!File.Exists(full) && !OperatingSystem.IsWindows())
        {
            using var created = new FileStream(full, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        else if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var cache = new MailCache(full);
        try
        {
            var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await Sql.ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
                var version = Convert.ToInt32(await Sql.ScalarAsync(connection, "PRAGMA user_version;", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                if (version > CacheSchema.Version)
                    throw new CacheException($"The cache {full} was written by a newer imap-mcp (schema {version}); delete it to rebuild, or upgrade.");
                if (version < CacheSchema.Version)
                {
                    var drop = version > 0 ? CacheSchema.DropAll : "";
                    await Sql.ExecuteAsync(connection, "BEGIN;" + drop + CacheSchema.Create + $"PRAGMA user_version={CacheSchema.Version}; COMMIT;", cancellationToken).ConfigureAwait(false);
                }

                cache.Codec = await CacheProtection.OpenAsync(connection, full, keys, cancellationToken).ConfigureAwait(false);
                if (cache.Codec.IsEncrypted)
                    cache.Codec = await EnsureKeyTokensAsync(connection, full, keys!, cache.Codec, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SqliteException e)
        {
            throw new CacheException($"Cannot open the cache {full}: {e.Message} Delete the file to rebuild it from the server.", e);
        }

        return cache;
    }

    /// <summary>
    /// An encrypted cache written before lookup keys were stored as label tokens (<see cref="CacheCodec.KeyToken"/>) would no
    /// longer find its sender domains and lists: like a cache of an older schema it is derived data, dropped and rebuilt by
    /// the next sync. Returns the codec to use.
    /// </summary>
    private static async Task<CacheCodec> EnsureKeyTokensAsync(SqliteConnection connection, string path, CacheKeys keys, CacheCodec codec, CancellationToken cancellationToken)
    {
        var state = await Sql.ScalarAsync(connection,
            $"SELECT CASE WHEN EXISTS(SELECT 1 FROM cache_info WHERE key = '{KeyTokensEntry}' AND value = '{KeyTokensVersion}') THEN 1 WHEN EXISTS(SELECT 1 FROM messages) THEN 2 ELSE 0 END;",
            cancellationToken).ConfigureAwait(false);
        if (state is 1L)
            return codec;
        if (state is 2L)
        {
            await Sql.ExecuteAsync(connection, "BEGIN;" + CacheSchema.DropAll + CacheSchema.Create + "COMMIT;", cancellationToken).ConfigureAwait(false);
            codec = await CacheProtection.OpenAsync(connection, path, keys, cancellationToken).ConfigureAwait(false);
        }

        await Sql.ExecuteAsync(connection, $"INSERT OR REPLACE INTO cache_info(key, value) VALUES ('{KeyTokensEntry}', '{KeyTokensVersion}');", cancellationToken).ConfigureAwait(false);
        return codec;
    }

    /// <summary>Counts, size and freshness of the cache.</summary>
    public async Task<CacheStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT (SELECT count(*) FROM folders), (SELECT count(*) FROM messages), (SELECT count(*) FROM bodies),
                       (SELECT max(last_synced) FROM folders), (SELECT min(date) FROM messages), (SELECT max(date) FROM messages);
                """;
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            long size = 0;
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                var file = new FileInfo(Path + suffix);
                if (file.Exists)
                    size += file.Length;
            }

            return new CacheStatistics(
                reader.GetInt32(0),
                reader.GetInt64(1),
                reader.GetInt64(2),
                size,
                Sql.ReadTime(reader, 3),
                Sql.ReadTime(reader, 4),
                Sql.ReadTime(reader, 5));
        }
    }

    /// <summary>Opens a pooled connection with the cache's pragmas.</summary>
    internal async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            if (Codec is SealedCacheCodec codec)
            {
                // Lets a query test the start of a sender address, which an encrypted cache only holds sealed (QueryCompiler).
                connection.CreateFunction(AddressStartsFunction, (byte[]? value, long folderId, long uid, string prefix) =>
                    value is not null && codec.Open(value, CacheColumn.FromAddress, folderId, (uint)uid).StartsWith(prefix, StringComparison.Ordinal), isDeterministic: true);
            }

            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await Sql.ExecuteAsync(connection, "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
