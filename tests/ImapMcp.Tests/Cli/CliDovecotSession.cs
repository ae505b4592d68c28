using ImapMcp.Cli;
using ImapMcp.Mail.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using TestHarness.Dovecot;
using TestHarness.Mail;

namespace ImapMcp.Tests.Cli;

/// <summary>A real Dovecot holding a generated mailbox, a config for it in a temp folder, and the CLI run in-process against it.</summary>
public abstract class CliDovecotSession(MailboxSpec spec, string? headerWindow = null) : IAsyncLifetime
{
    protected GeneratedMailbox Mailbox { get; } = MailboxGenerator.Generate(spec);

    protected string Directory { get; } = Path.Combine(Path.GetTempPath(), "imap-mcp-cli-tests", Guid.NewGuid().ToString("N"));

    private protected MemorySecretStore Secrets { get; } = new();

    protected DovecotServer Dovecot { get; private set; } = null!;

    protected string Config { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Dovecot = await DovecotServer.StartAsync();
        await Dovecot.LoadAsync(Mailbox);
        System.IO.Directory.CreateDirectory(Directory);
        Config = Path.Combine(Directory, "config.json");
        await File.WriteAllTextAsync(Config, $$"""
            { "accounts": [ { "name": "alex", "host": "127.0.0.1", "port": {{Dovecot.Port}}, "security": "none",
                              "username": "{{Dovecot.UserName}}", "addresses": ["{{Mailbox.OwnerAddresses[0]}}", "{{Mailbox.OwnerAddresses[1]}}"],
                              "cache": "alex.db"{{(headerWindow is null ? "" : $", \"headers\": \"{headerWindow}\"")}} } ] }
            """);
    }

    public async Task DisposeAsync()
    {
        await Dovecot.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>Runs the CLI with <paramref name="args"/> and the config, the clock at the mailbox's "now" and the password on stdin.</summary>
    protected async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var app = new CliApp(output, error, new StringReader(Dovecot.Password + "\n"), () => Secrets, new FakeTimeProvider(Mailbox.Now), interactive: false);
        var code = await app.RunAsync([.. args, "--config", Config]);
        return (code, output.ToString(), error.ToString());
    }
}
