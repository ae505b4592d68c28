using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using TestHarness.Dovecot;
using TestHarness.Mail;

namespace ImapMcp.Tests.Mcp;

/// <summary>
/// One Dovecot with a generated mailbox whose "now" is the real clock (the server runs on the system clock), and the
/// built imap-mcp serving it over stdio to the SDK's client; the server's own background sync fills the cache once.
/// </summary>
public abstract class McpServerFixture : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _stderr = new();

    protected McpServerFixture(int count = 1_500, int seed = 23) =>
        Mailbox = MailboxGenerator.Generate(new MailboxSpec { Count = count, Seed = seed, Now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()) });

    public GeneratedMailbox Mailbox { get; }

    /// <summary>Messages added to the server beside the generated ones (the cache then holds that many more).</summary>
    protected int ExtraMessages { get; set; }

    /// <summary>The account's "headers" window (e.g. "1m"); null syncs every message.</summary>
    protected virtual string? HeaderWindow => null;

    /// <summary>How many messages the first background sync caches: all of them, or those dated in the header window.</summary>
    public virtual long FirstSyncMessages => Mailbox.Messages.Count + ExtraMessages;

    /// <summary>Runs after the mailbox is loaded and before imap-mcp starts.</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "imap-mcp-mcp-tests", Guid.NewGuid().ToString("N"));

    public string ConfigPath => Path.Combine(Directory, "config.json");

    public string AttachmentsDirectory => Path.Combine(Directory, "saved");

    public DovecotServer Dovecot { get; private set; } = null!;

    public McpClient Client { get; private set; } = null!;

    public string Stderr => string.Join('\n', _stderr);

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        Dovecot = await DovecotServer.StartAsync();
        await Dovecot.LoadAsync(Mailbox);
        await PrepareAsync();
        await File.WriteAllTextAsync(ConfigPath, $$"""
            { "accounts": [ { "name": "alex", "host": "127.0.0.1", "port": {{Dovecot.Port}}, "security": "none",
                              "username": "{{Dovecot.UserName}}", "addresses": ["{{Mailbox.OwnerAddresses[0]}}", "{{Mailbox.OwnerAddresses[1]}}"],
                              "cache": "alex.db"{{(HeaderWindow is null ? "" : $", \"headers\": \"{HeaderWindow}\"")}} } ] }
            """);
        Client = await StartAsync(["--config", ConfigPath, "--attachments-dir", AttachmentsDirectory, "--max-attachment-mb", "1", .. ServerArguments]);
        await WaitForFirstSyncAsync(Client);
    }

    /// <summary>Arguments added to the served imap-mcp's command line (a subclass serves with --write).</summary>
    protected virtual IReadOnlyList<string> ServerArguments => [];

    /// <summary>Starts imap-mcp with <paramref name="arguments"/> over stdio; the password comes from the environment, as on a headless machine.</summary>
    public Task<McpClient> StartAsync(IList<string> arguments, ConcurrentQueue<string>? stderr = null) =>
        McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "imap-mcp",
            Command = "dotnet",
            Arguments = [ImapMcpExecutable.Dll, .. arguments],
            WorkingDirectory = Directory,
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["IMAP_MCP_PASSWORD_ALEX"] = Dovecot.Password,
                ["DBUS_SESSION_BUS_ADDRESS"] = null,
                ["XDG_CACHE_HOME"] = Path.Combine(Directory, "xdg-cache"),
            },
            StandardErrorLines = line => (stderr ?? _stderr).Enqueue(line),
        }));

    /// <summary>Polls account_status until the background sync has completed once (the handshake never waits for it).</summary>
    public async Task WaitForFirstSyncAsync(McpClient client)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            var status = Structured(await client.CallToolAsync("account_status", new Dictionary<string, object?>(), cancellationToken: timeout.Token));
            var freshness = status.GetProperty("freshness");
            if (freshness.GetProperty("lastSynced").ValueKind == JsonValueKind.String && !freshness.GetProperty("syncingNow").GetBoolean()
                && status.GetProperty("cachedMessages").GetInt64() == FirstSyncMessages)
                return;
            if (status.TryGetProperty("lastError", out var error) && error.ValueKind == JsonValueKind.String)
                throw new InvalidOperationException("The background sync failed: " + error.GetString() + "\n" + Stderr);
            if (timeout.IsCancellationRequested)
                throw new TimeoutException("The first background sync did not finish in 3 minutes.\n" + Stderr);
            await Task.Delay(200, timeout.Token);
        }
    }

    public Task<CallToolResult> CallAsync(string tool, Dictionary<string, object?>? arguments = null) =>
        Client.CallToolAsync(tool, arguments ?? []).AsTask();

    public static JsonElement Structured(CallToolResult result)
    {
        Assert.True(result.IsError is not true, "the tool failed: " + Text(result));
        Assert.NotNull(result.StructuredContent);
        return JsonSerializer.SerializeToElement(result.StructuredContent);
    }

    public static string Text(CallToolResult result) => string.Join('\n', result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    /// <summary>Waits until <paramref name="condition"/> holds; fails after 30 s (a bound, not a speed assertion).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
            await Task.Delay(100);
        Assert.True(condition(), "the condition did not hold within 30 s");
    }

    public static string KeyOf(GeneratedMessage m) => $"{m.Folder}:{m.Uid}";

    public virtual async Task DisposeAsync()
    {
        if (Client is not null)
            await Client.DisposeAsync();
        if (Dovecot is not null)
            await Dovecot.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

/// <summary>The mailbox most stories run on: 1,500 generated messages.</summary>
public sealed class GeneratedMailboxServer() : McpServerFixture(1_500, 23);

[CollectionDefinition(Name)]
public sealed class McpServerCollection : ICollectionFixture<GeneratedMailboxServer>
{
    public const string Name = "imap-mcp server over stdio";
}
