namespace TestHarness.Dovecot;

/// <summary>How <see cref="DovecotServer.StartAsync"/> sets up its private Dovecot instance.</summary>
public sealed class DovecotOptions
{
    /// <summary>The IMAP login name (default "alex").</summary>
    public string UserName { get; init; } = "alex";

    /// <summary>The password; a random one per instance when null.</summary>
    public string? Password { get; init; }

    /// <summary>A fixed plaintext IMAP port on 127.0.0.1 (for the demo); a free one when null.</summary>
    public int? Port { get; init; }

    /// <summary>A fixed IMAPS (TLS on connect) port on 127.0.0.1; a free one when null.</summary>
    public int? TlsPort { get; init; }

    /// <summary>
    /// A folder that keeps the Maildir, certificate, config and logs across runs and is not deleted on dispose (for the
    /// demo). A fresh temp folder, deleted on dispose, when null.
    /// </summary>
    public string? DataFolder { get; init; }

    /// <summary>
    /// Put the temporary data folder on /dev/shm (tmpfs) when it exists and HARNESS_TMP is not set: creating Maildir
    /// files there is ~10× faster than on this machine's disk. Ignored with <see cref="DataFolder"/>.
    /// </summary>
    public bool PreferMemoryFolder { get; init; } = true;

    /// <summary>Leave CONDSTORE and QRESYNC out of the advertised capabilities, to exercise a client's fallback sync.</summary>
    public bool DisableQresync { get; init; }

    /// <summary>Leave MOVE out of the advertised capabilities, to exercise a client's COPY + STORE \Deleted + UID EXPUNGE fallback.</summary>
    public bool DisableMove { get; init; }

    /// <summary>How long to wait for the IMAP greeting.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        if (UserName.Length == 0 || UserName.Any(c => c is ':' or '/' or '\\' or '*' or '%' or '"' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException($"'{UserName}' cannot be a Dovecot user name here: use letters, digits, '.', '-', '_' or '@'.", nameof(UserName));
        }

        if (Password is { } p && (p.Length == 0 || p.Any(c => c is ':' || char.IsControl(c))))
        {
            throw new ArgumentException("The password must be non-empty, on one line and without ':' (it goes into a passwd-file).", nameof(Password));
        }

        foreach (var (name, port) in new[] { (nameof(Port), Port), (nameof(TlsPort), TlsPort) })
        {
            if (port is < 1 or > 65535)
            {
                throw new ArgumentOutOfRangeException(name, port, "A TCP port is between 1 and 65535.");
            }
        }

        if (Port is not null && Port == TlsPort)
        {
            throw new ArgumentException("Port and TlsPort must differ.", nameof(TlsPort));
        }

        if (StartTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(StartTimeout), StartTimeout, "The start timeout must be positive.");
        }
    }
}
