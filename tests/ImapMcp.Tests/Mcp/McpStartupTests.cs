using System.Diagnostics;

namespace ImapMcp.Tests.Mcp;

/// <summary>What a person sees when the server cannot serve: the config's problems with their fixes, and a usage exit code.</summary>
public sealed class McpStartupTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "imap-mcp-startup-tests", Guid.NewGuid().ToString("N"));

    public McpStartupTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_broken_config_stops_the_server_with_every_problem_and_its_fix()
    {
        var config = Path.Combine(_directory, "config.json");
        await File.WriteAllTextAsync(config, """{ "accounts": [ { "name": "w", "host": "imap.example.com", "username": "w", "password": "x" } ] }""");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory };
        foreach (var a in (string[])[ImapMcpExecutable.Dll, "--config", config])
            start.ArgumentList.Add(a);

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("accounts[0].password: unknown field", await error, StringComparison.Ordinal);
        Assert.Contains("set-password", await error, StringComparison.Ordinal);
        Assert.Equal("", await output);
    }
}
