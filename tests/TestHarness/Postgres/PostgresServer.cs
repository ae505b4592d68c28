using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Npgsql;
using TestHarness.Processes;

namespace TestHarness.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster: initdb'd into a temp folder, run as the postgres user on a loopback port with
/// scram-sha-256 password auth, stopped (fast shutdown, then kill) and deleted on dispose.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private const string OsUser = "postgres";
    private const string PostgresRoot = "/usr/lib/postgresql";
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(10);
    private static readonly string[] AsPostgres = ["--reuid=" + OsUser, "--regid=" + OsUser, "--init-groups", "--"];

    // libpq variables of the test run must not steer the throwaway server.
    private static readonly Dictionary<string, string?> CleanEnvironment = new()
    {
        ["PGDATA"] = null,
        ["PGPORT"] = null,
        ["PGHOST"] = null,
        ["PGUSER"] = null,
        ["PGPASSWORD"] = null,
        ["LC_ALL"] = "C",
    };

    private readonly TempFolder _folder;
    private readonly ChildProcess _process;
    private int _disposed;

    private PostgresServer(TempFolder folder, ChildProcess process, int port, string user, string password, string clusterName)
    {
        _folder = folder;
        _process = process;
        Port = port;
        User = user;
        Password = password;
        ClusterName = clusterName;
        ConnectionString = ConnectionStringFor(Database);
    }

    /// <summary>The address the server listens on (loopback only).</summary>
    public string Host => "127.0.0.1";

    /// <summary>The TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The superuser the connection strings log in as.</summary>
    public string User { get; }

    /// <summary>The superuser's password.</summary>
    public string Password { get; }

    /// <summary>The database <see cref="ConnectionString"/> points at (initdb's own "postgres").</summary>
    public string Database => "postgres";

    /// <summary>A connection string for <see cref="Database"/> as the superuser, with the password.</summary>
    public string ConnectionString { get; }

    /// <summary>The cluster's data folder (PGDATA).</summary>
    public string DataDirectory => _folder.Combine("data");

    /// <summary>The server's version as it reports it (e.g. "15.14 (Debian 15.14-0+deb12u1)").</summary>
    public string ServerVersion { get; private set; } = "";

    /// <summary>The cluster_name setting, which every backend shows in its process title; unique per server.</summary>
    internal string ClusterName { get; }

    /// <summary>The postmaster's process id.</summary>
    internal int Pid => _process.Pid;

    /// <summary>Creates, starts and waits for a new cluster. Throws a <see cref="HarnessException"/> saying why if it cannot.</summary>
    public static async Task<PostgresServer> StartAsync(PostgresServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PostgresServerOptions();
        Validate(options);
        var bin = options.BinDirectory ?? FindBinDirectory();
        var initdb = Path.Combine(bin, "initdb");
        var postgres = Path.Combine(bin, "postgres");
        if (!File.Exists(initdb) || !File.Exists(postgres))
        {
            throw new HarnessException($"PostgreSQL's initdb or postgres is missing from {bin}. Run './run setup' (or 'apt-get install -y postgresql') and try again.");
        }

        if (System.Environment.UserName != "root")
        {
            throw new HarnessException($"The PostgreSQL harness must run as root: it runs the server as the '{OsUser}' user, because PostgreSQL refuses to run as root.");
        }

        var setpriv = RequiredTool.Find("setpriv", "util-linux");
        var password = options.Password ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var folder = TempFolder.Create("pg");
        ChildProcess? process = null;
        try
        {
            var sockets = folder.Combine("sockets");
            Directory.CreateDirectory(sockets);
            var passwordFile = folder.Combine("pwfile");
            await File.WriteAllTextAsync(passwordFile, password + "\n", cancellationToken).ConfigureAwait(false);
            await ChildProcess.RunAsync("chown", ["-R", $"{OsUser}:{OsUser}", folder.Path], cancellationToken: cancellationToken).ConfigureAwait(false);
            await CheckWritableByPostgresAsync(setpriv, folder.Path, cancellationToken).ConfigureAwait(false);

            await RunInitdbAsync(setpriv, initdb, folder, options, passwordFile, cancellationToken).ConfigureAwait(false);
            File.Delete(passwordFile);

            var port = PortAllocator.Next();
            var clusterName = Path.GetFileName(folder.Path);
            List<string> arguments =
            [
                .. AsPostgres, postgres, "-D", folder.Combine("data"), "-p", port.ToString(CultureInfo.InvariantCulture), "-k", sockets,
                "-c", "listen_addresses=127.0.0.1",
                "-c", "cluster_name=" + clusterName,
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off",
                "-c", "logging_collector=off",
            ];
            foreach (var (name, value) in options.Settings)
            {
                arguments.AddRange(["-c", $"{name}={value}"]);
            }

            process = ChildProcess.Start("postgres", setpriv, arguments, folder.Path, CleanEnvironment, folder.Combine("postgres.log"));
            var server = new PostgresServer(folder, process, port, options.User, password, clusterName);
            var probe = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false, Timeout = 5 }.ConnectionString;
            await process.WaitUntilReadyAsync(
                async ct =>
                {
                    var connection = new NpgsqlConnection(probe);
                    await using (connection.ConfigureAwait(false))
                    {
                        await connection.OpenAsync(ct).ConfigureAwait(false);
                        var command = new NpgsqlCommand("SHOW server_version", connection);
                        await using (command.ConfigureAwait(false))
                        {
                            server.ServerVersion = (string?)await command.ExecuteScalarAsync(ct).ConfigureAwait(false) ?? "";
                        }
                    }

                    return true;
                },
                options.StartTimeout,
                $"accepting password logins on {server.Host}:{port}",
                cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            if (process is not null)
            {
                await process.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }

            folder.Dispose();
            throw;
        }
    }

    /// <summary>A connection string for <paramref name="database"/> on this server as the superuser.</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = User,
        Password = Password,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates an empty database named <paramref name="name"/> and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!IdentifierPattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain database name (letters, digits and '_', at most 63, not starting with a digit).", nameof(name));
        }

        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString;
        var connection = new NpgsqlConnection(admin);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
#pragma warning disable CA2100 // The name is checked against IdentifierPattern above and quoted.
            var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
#pragma warning restore CA2100
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return ConnectionStringFor(name);
    }

    /// <summary>Stops the server (fast shutdown: open sessions are ended; then kill) and deletes its folder. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            // SIGINT is PostgreSQL's fast shutdown. SIGTERM (what ChildProcess sends) is a smart shutdown that waits for
            // every client to disconnect, and connection pools in the tests never do.
            if (_process.Signal(2))
            {
                await Task.WhenAny(_process.Exited, Task.Delay(ShutdownGrace)).ConfigureAwait(false);
            }

            await _process.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        finally
        {
            _folder.Dispose();
        }
    }

    private static async Task RunInitdbAsync(string setpriv, string initdb, TempFolder folder, PostgresServerOptions options, string passwordFile, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            .. AsPostgres, initdb, "-D", folder.Combine("data"), "-U", options.User, "--pwfile=" + passwordFile,
            "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions",
        ];
        var initdbProcess = ChildProcess.Start("initdb", setpriv, arguments, folder.Path, CleanEnvironment);
        await using (initdbProcess.ConfigureAwait(false))
        {
            try
            {
                await initdbProcess.Exited.WaitAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new HarnessException($"initdb did not finish within {options.StartTimeout.TotalSeconds:0} s. Its last output:\n{initdbProcess.OutputTail()}");
            }

            if (initdbProcess.ExitCode != 0)
            {
                // Let the output readers drain before quoting them.
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                throw new HarnessException($"initdb failed with exit code {initdbProcess.ExitCode}. Its last output:\n{initdbProcess.OutputTail()}");
            }
        }
    }

    private static async Task CheckWritableByPostgresAsync(string setpriv, string folder, CancellationToken cancellationToken)
    {
        try
        {
            await ChildProcess.RunAsync(setpriv, [.. AsPostgres, "test", "-w", folder], TimeSpan.FromSeconds(30), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HarnessException ex)
        {
            throw new HarnessException(
                $"The '{OsUser}' user cannot write to {folder}: every parent folder must be traversable by it. Point HARNESS_TMP at a folder such as /tmp.",
                ex);
        }
    }

    private static string FindBinDirectory()
    {
        var candidates = Directory.Exists(PostgresRoot)
            ? Directory.EnumerateDirectories(PostgresRoot)
                .Select(dir => (Dir: dir, Version: decimal.TryParse(Path.GetFileName(dir), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(c => c.Version >= 0 && File.Exists(Path.Combine(c.Dir, "bin", "postgres")))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];
        return candidates.Count > 0
            ? Path.Combine(candidates[0].Dir, "bin")
            : throw new HarnessException($"PostgreSQL is not installed (no {PostgresRoot}/*/bin/postgres). Run './run setup' (or 'apt-get install -y postgresql') and try again.");
    }

    private static void Validate(PostgresServerOptions options)
    {
        if (!IdentifierPattern().IsMatch(options.User))
        {
            throw new ArgumentException($"User '{options.User}' is not a plain role name.", nameof(options));
        }

        if (options.Password is { Length: 0 })
        {
            throw new ArgumentException("Password must not be empty; leave it null for a random one.", nameof(options));
        }

        foreach (var name in options.Settings.Keys)
        {
            if (!SettingPattern().IsMatch(name))
            {
                throw new ArgumentException($"'{name}' is not a PostgreSQL setting name.", nameof(options));
            }
        }

        if (options.StartTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("StartTimeout must be positive.", nameof(options));
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex("^[a-z_][a-z0-9_.]*$")]
    private static partial Regex SettingPattern();
}
