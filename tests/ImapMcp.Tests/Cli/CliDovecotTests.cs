using System.Text.Json;
using ImapMcp.Cli;
using ImapMcp.Mail.Secrets;
using ImapMcp.Mail.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using TestHarness.Dovecot;
using TestHarness.Mail;

namespace ImapMcp.Tests.Cli;

/// <summary>A person's first session with the CLI against a real Dovecot holding a generated mailbox.</summary>
public sealed class CliDovecotTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 4, 25, 19, 51, 45, TimeSpan.FromHours(2));
    private readonly GeneratedMailbox _mailbox = MailboxGenerator.Generate(new MailboxSpec { Count = 800, Seed = 5, Now = Now });
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "imap-mcp-cli-tests", Guid.NewGuid().ToString("N"));
    private readonly MemorySecretStore _secrets = new();
    private DovecotServer _dovecot = null!;
    private string _config = "";

    public async Task InitializeAsync()
    {
        _dovecot = await DovecotServer.StartAsync();
        await _dovecot.LoadAsync(_mailbox);
        Directory.CreateDirectory(_directory);
        _config = Path.Combine(_directory, "config.json");
        await File.WriteAllTextAsync(_config, $$"""
            { "accounts": [ { "name": "alex", "host": "127.0.0.1", "port": {{_dovecot.Port}}, "security": "none",
                              "username": "{{_dovecot.UserName}}", "addresses": ["{{_mailbox.OwnerAddresses[0]}}", "{{_mailbox.OwnerAddresses[1]}}"],
                              "cache": "alex.db" } ] }
            """);
    }

    public async Task DisposeAsync()
    {
        await _dovecot.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var app = new CliApp(output, error, new StringReader(_dovecot.Password + "\n"), () => _secrets, new FakeTimeProvider(Now), interactive: false);
        var code = await app.RunAsync([.. args, "--config", _config]);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Set_password_then_sync_then_ask_the_cache()
    {
        var wrong = new CliApp(new StringWriter(), new StringWriter(), new StringReader("wrong\n"), () => _secrets, TimeProvider.System, interactive: false);
        Assert.Equal(1, await wrong.RunAsync(["set-password", "--config", _config]));
        Assert.Null(await _secrets.GetAsync("alex", SecretKinds.Password));

        var set = await RunAsync("set-password", "--stdin");
        Assert.Equal(0, set.Code);
        Assert.Contains("Login works", set.Out, StringComparison.Ordinal);

        var sync = await RunAsync("sync");
        Assert.Equal(0, sync.Code);
        Assert.Contains($"{_mailbox.Messages.Count} new", sync.Out, StringComparison.Ordinal);
        Assert.Contains("headers [████", sync.Error, StringComparison.Ordinal);

        var ieee = _mailbox.IeeeInvitation.Invitation;
        var search = await RunAsync("search", "from:ieee.org", "\"reviewer panel\"");
        Assert.Equal(0, search.Code);
        Assert.Contains($"{ieee.Folder}:{ieee.Uid}", search.Out, StringComparison.Ordinal);

        var json = await RunAsync("unreplied", "--json");
        var keys = JsonDocument.Parse(json.Out).RootElement.EnumerateArray().Select(e => $"{e.GetProperty("key").GetProperty("folder").GetString()}:{e.GetProperty("key").GetProperty("uid").GetUInt32()}").Order(StringComparer.Ordinal);
        Assert.Equal(_mailbox.Unreplied.Unanswered.Select(m => $"{m.Folder}:{m.Uid}").Order(StringComparer.Ordinal), keys);

        var thread = await RunAsync("thread", $"{ieee.Folder}:{ieee.Uid}");
        Assert.Contains($"{_mailbox.IeeeInvitation.Thread.Count} messages in the conversation", thread.Out, StringComparison.Ordinal);

        var show = await RunAsync("show", $"{ieee.Folder}:{ieee.Uid}");
        Assert.Contains("Subject:  " + ieee.Subject, show.Out, StringComparison.Ordinal);

        var stats = await RunAsync("stats", "--since", "1y", "--top", "5");
        Assert.Equal(0, stats.Code);
        Assert.Contains("automated", stats.Out, StringComparison.Ordinal);
        Assert.Contains("What decided automated vs human", stats.Out, StringComparison.Ordinal);

        var folders = await RunAsync("folders");
        Assert.Contains(ieee.Folder, folders.Out, StringComparison.Ordinal);
    }
}
