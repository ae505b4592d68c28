using ImapMcp.Cli;
using ImapMcp.Mail.Secrets;
using ImapMcp.Mail.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ImapMcp.Tests.Cli;

/// <summary>The CLI as a person meets it, in-process, without a server.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "imap-mcp-cli-tests", Guid.NewGuid().ToString("N"));
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public CliTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private Task<int> RunAsync(params string[] args) =>
        new CliApp(_out, _error, new StringReader(""), () => new MemorySecretStore(), new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56)), interactive: false).RunAsync(args);

    private string WriteConfig(string json)
    {
        var path = Path.Combine(_directory, "config.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task Help_teaches_the_verbs_and_the_query_language()
    {
        Assert.Equal(0, await RunAsync("--help"));
        var text = _out.ToString();
        foreach (var verb in new[] { "sync", "search", "show", "thread", "unreplied", "stats", "folders", "set-password", "delete-password", "check-config" })
            Assert.Contains(verb, text, StringComparison.Ordinal);
        Assert.Contains("older_than:3m", text, StringComparison.Ordinal);

        Assert.Equal(0, await RunAsync("search", "--help"));
        Assert.Contains("imap-mcp search 'from:ieee.org \"reviewer panel\"'", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_config_lists_every_field_with_its_fix()
    {
        var path = WriteConfig("""{ "accounts": [ { "name": "w", "host": "imap.example.com", "security": "none", "username": "w@example.com", "password": "x" } ] }""");

        Assert.Equal(2, await RunAsync("check-config", "--config", path));

        var text = _error.ToString();
        Assert.Contains("accounts[0].password: unknown field", text, StringComparison.Ordinal);
        Assert.Contains("accounts[0].security", text, StringComparison.Ordinal);
        Assert.Contains("fix: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_config_shows_each_account_and_where_its_password_comes_from()
    {
        var path = WriteConfig("""{ "accounts": [ { "name": "w", "provider": "fastmail", "username": "w@example.com" } ] }""");

        Assert.Equal(0, await RunAsync("check-config", "--config", path));

        var text = _out.ToString();
        Assert.Contains("imap.fastmail.com:993 (tls)", text, StringComparison.Ordinal);
        Assert.Contains("missing: run 'imap-mcp set-password --account w'", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_query_says_where_and_exits_2_and_typos_in_options_are_refused()
    {
        var path = WriteConfig($$"""{ "accounts": [ { "name": "w", "host": "127.0.0.1", "security": "none", "username": "w@example.com", "cache": "{{_directory}}/w.db" } ] }""");

        Assert.Equal(2, await RunAsync("search", "--config", path, "from:ieee", "is:importnt"));
        Assert.Contains("is:importnt is not known", _error.ToString(), StringComparison.Ordinal);

        Assert.Equal(2, await RunAsync("search", "--config", path, "x", "--limti", "3"));
        Assert.Contains("unknown option --limti", _error.ToString(), StringComparison.Ordinal);

        Assert.Equal(0, await RunAsync("search", "--config", path, "anything"));
        Assert.Contains("No messages match.", _out.ToString(), StringComparison.Ordinal);

        Assert.Equal(0, await RunAsync("search", "--config", path, "anything", "--json"));
        Assert.Contains("\"total\": 0", _out.ToString(), StringComparison.Ordinal);
    }
}
