using ImapMcp.Mail.Cache;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Tests.Cache;

public sealed class MailCacheTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "imap-mcp-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_cache_file_and_its_folder_are_private_to_the_owner_and_in_WAL_mode()
    {
        var path = Path.Combine(_directory, "sub", "a.db");

        var cache = await MailCache.OpenAsync(path);
        await cache.GetStatisticsAsync();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.True(File.Exists(path + "-wal"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path + "-wal") & (UnixFileMode)0x1FF);
    }

    [Fact]
    public async Task A_cache_from_an_older_version_is_rebuilt_and_a_newer_one_is_refused()
    {
        var path = Path.Combine(_directory, "old.db");
        Directory.CreateDirectory(_directory);
        using (var connection = new SqliteConnection("Data Source=" + path))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE messages(x); CREATE VIRTUAL TABLE fts USING fts5(a); PRAGMA user_version = 1;";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var cache = await MailCache.OpenAsync(path);
        Assert.Equal(0, (await cache.GetStatisticsAsync()).Messages);

        using (var connection = new SqliteConnection("Data Source=" + path))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var e = await Assert.ThrowsAsync<CacheException>(() => MailCache.OpenAsync(path));
        Assert.Contains("newer imap-mcp", e.Message, StringComparison.Ordinal);
    }
}
