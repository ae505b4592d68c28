namespace TestHarness.Postgres;

/// <summary>How <see cref="PostgresServer.StartAsync"/> sets up its throwaway cluster; every property has a working default.</summary>
public sealed class PostgresServerOptions
{
    /// <summary>The superuser the connection strings log in as.</summary>
    public string User { get; init; } = "harness";

    /// <summary>The superuser's password (scram-sha-256); a random one when null.</summary>
    public string? Password { get; init; }

    /// <summary>The folder holding initdb and postgres; the highest installed /usr/lib/postgresql/*/bin when null.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>Extra server settings passed as <c>-c name=value</c> (e.g. max_connections).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>How long initdb plus the first successful connection may take.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
