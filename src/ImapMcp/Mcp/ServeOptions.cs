using System.Globalization;
using System.Net;
using ImapMcp.Cli;

namespace ImapMcp.Mcp;

/// <summary>How <c>imap-mcp serve</c> runs: the config, the transport, write access and where attachments may be saved.</summary>
internal sealed record ServeOptions
{
    /// <summary>The most bytes save_attachment writes by default (25 MB).</summary>
    public const long DefaultMaxAttachmentBytes = 25L * 1024 * 1024;

    public required string ConfigPath { get; init; }

    /// <summary>Null for stdio; the address to listen on for Streamable HTTP.</summary>
    public IPEndPoint? Http { get; init; }

    public bool AllowRemote { get; init; }

    /// <summary>The environment variable holding the bearer token (HTTP only); null means generate one.</summary>
    public string? TokenEnvironmentVariable { get; init; }

    /// <summary>Registers the tools that change the mailbox.</summary>
    public bool Write { get; init; }

    /// <summary>The only folder save_attachment writes to; null refuses saving.</summary>
    public string? AttachmentsDirectory { get; init; }

    public long MaxAttachmentBytes { get; init; } = DefaultMaxAttachmentBytes;

    /// <summary>False: no background sync; the cache is served as it is until sync_now.</summary>
    public bool BackgroundSync { get; init; } = true;

    /// <summary>Minutes between full background syncs (INBOX is watched live in between).</summary>
    public int ResyncMinutes { get; init; } = 15;

    /// <summary>Reads the serve options from the command line; <see cref="UsageException"/> says what is wrong.</summary>
    public static ServeOptions Parse(CliArguments cli, string configPath)
    {
        IPEndPoint? http = null;
        if (cli.Option("http") is { } address)
        {
            if (!TryParseEndpoint(address, out http))
                throw new UsageException($"--http takes HOST:PORT with an IP address, e.g. 127.0.0.1:8765 (port 0 picks a free one), not '{address}'");
            if (!IPAddress.IsLoopback(http.Address) && !cli.Flag("allow-remote"))
                throw new UsageException($"--http {address} is not a loopback address: anyone who reaches it could read your mail. Use 127.0.0.1, or add --allow-remote (the bearer token is then all that protects it; put TLS in front)");
        }

        var tokenEnv = cli.Option("token-env");
        if (tokenEnv is not null && http is null)
            throw new UsageException("--token-env only applies with --http (stdio needs no token)");
        if (tokenEnv is not null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(tokenEnv)))
            throw new UsageException($"--token-env {tokenEnv}: the variable {tokenEnv} is empty or not set; set it to a long random token, or leave --token-env out to have one generated");

        var attachments = cli.Option("attachments-dir");
        if (attachments is not null)
        {
            attachments = Path.GetFullPath(attachments.StartsWith("~/", StringComparison.Ordinal)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), attachments[2..])
                : attachments);
        }

        return new ServeOptions
        {
            ConfigPath = configPath,
            Http = http,
            AllowRemote = cli.Flag("allow-remote"),
            TokenEnvironmentVariable = tokenEnv,
            Write = cli.Flag("write"),
            AttachmentsDirectory = attachments,
            MaxAttachmentBytes = cli.IntOption("max-attachment-mb", (int)(DefaultMaxAttachmentBytes / 1048576), 1, 2000) * 1048576L,
            BackgroundSync = !cli.Flag("no-sync"),
            ResyncMinutes = cli.IntOption("resync-minutes", 15, 1, 1440),
        };
    }

    private static bool TryParseEndpoint(string text, out IPEndPoint endpoint)
    {
        endpoint = null!;
        var colon = text.LastIndexOf(':');
        if (colon <= 0)
            return false;
        var host = text[..colon].Trim('[', ']');
        if (host == "localhost")
            host = "127.0.0.1";
        if (!IPAddress.TryParse(host, out var ip) || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            return false;
        endpoint = new IPEndPoint(ip, port);
        return true;
    }
}
