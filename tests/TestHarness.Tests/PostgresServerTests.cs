using System.Net.Sockets;
using Npgsql;
using TestHarness.Postgres;

namespace TestHarness.Tests;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task A_throwaway_PostgreSQL_answers_queries_and_leaves_nothing_behind()
    {
        var server = await PostgresServer.StartAsync();
        int port;
        string dataDirectory;
        string clusterName;
        try
        {
            port = server.Port;
            dataDirectory = server.DataDirectory;
            clusterName = server.ClusterName;
            Assert.StartsWith("15", server.ServerVersion, StringComparison.Ordinal);
            Assert.NotEmpty(ProcessesTitled(clusterName));

            await using (var connection = new NpgsqlConnection(server.ConnectionString))
            {
                await connection.OpenAsync();
                await Execute(connection, "CREATE TABLE rooms (id int PRIMARY KEY, name text NOT NULL)");
                await Execute(connection, "INSERT INTO rooms VALUES (1, 'standup'), (2, 'all-hands')");
                await using var select = new NpgsqlCommand("SELECT name FROM rooms ORDER BY id", connection);
                var names = new List<string>();
                await using (var reader = await select.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        names.Add(reader.GetString(0));
                    }
                }

                Assert.Equal(["standup", "all-hands"], names);
            }

            var registry = await server.CreateDatabaseAsync("registry");
            await using (var connection = new NpgsqlConnection(registry))
            {
                await connection.OpenAsync();
                await using var current = new NpgsqlCommand("SELECT current_database()", connection);
                Assert.Equal("registry", await current.ExecuteScalarAsync());
                // The new database is empty: the table lives in the other one.
                await using var rooms = new NpgsqlCommand("SELECT to_regclass('rooms') IS NULL", connection);
                Assert.Equal(true, await rooms.ExecuteScalarAsync());
            }
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.False(PortIsOpen(port), $"port {port} still accepts connections after dispose");
        Assert.False(Directory.Exists(dataDirectory), "the data folder was not deleted");
        Assert.Empty(ProcessesTitled(clusterName));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_by_real_password_authentication()
    {
        await using var server = await PostgresServer.StartAsync();
        var wrong = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Password = "not-the-password", Pooling = false }.ConnectionString;

        await using var connection = new NpgsqlConnection(wrong);
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());

        Assert.Equal(PostgresErrorCodes.InvalidPassword, error.SqlState);
        Assert.Contains("password authentication failed", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_name_that_is_not_plain_is_refused_before_reaching_the_server()
    {
        await using var server = await PostgresServer.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => server.CreateDatabaseAsync("x\"; DROP DATABASE postgres; --"));
    }

    [Fact]
    public async Task A_server_that_cannot_start_says_why()
    {
        var options = new PostgresServerOptions { Settings = new Dictionary<string, string> { ["max_connections"] = "lots" } };

        var error = await Assert.ThrowsAsync<HarnessException>(() => PostgresServer.StartAsync(options));

        Assert.Contains("postgres exited", error.Message, StringComparison.Ordinal);
        Assert.Contains("max_connections", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_PostgreSQL_binaries_name_the_package_to_install()
    {
        var options = new PostgresServerOptions { BinDirectory = "/nonexistent/postgresql/bin" };

        var error = await Assert.ThrowsAsync<HarnessException>(() => PostgresServer.StartAsync(options));

        Assert.Contains("apt-get install -y postgresql", error.Message, StringComparison.Ordinal);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static bool PortIsOpen(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // Every PostgreSQL process (postmaster and backends) shows cluster_name in its title.
    private static List<string> ProcessesTitled(string text)
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(text, StringComparison.Ordinal))
                {
                    found.Add($"{Path.GetFileName(dir)}: {cmdline}");
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
