using System.Diagnostics;
using System.Text.Json;
using TestHarness.Dovecot;
using TestHarness.Mail;

namespace DevServers;

internal sealed partial class Demo
{
    /// <summary>
    /// Writes an imap-mcp config for the demo mailbox, a wrapper script that runs the built imap-mcp with it, and
    /// syncs the cache once (the password comes from the environment: the demo machine may have no keychain).
    /// </summary>
    private async Task<string> StartImapMcpAsync(DovecotServer dovecot, GeneratedMailbox mailbox, CancellationToken cancellationToken)
    {
        var built = new[] { "Release", "Debug" }
            .Select(c => Path.Combine(options.Root, "src", "ImapMcp", "bin", c, "net10.0", "imap-mcp.dll"))
            .FirstOrDefault(File.Exists)
            ?? throw new TestHarness.HarnessException("imap-mcp is not built: run './run build' first.");

        // The ReadyToRun publish of ./run build starts faster; a build without the publish since leaves it stale.
        var published = Path.Combine(options.Root, "artifacts", "imap-mcp", "imap-mcp.dll");
        var dll = File.Exists(published) && File.GetLastWriteTimeUtc(published) >= File.GetLastWriteTimeUtc(built) ? published : built;

        var folder = Path.Combine(_state, "imap-mcp");
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "config.json");
        var account = new Dictionary<string, object>
        {
            ["name"] = "demo",
            ["host"] = dovecot.Host,
            ["port"] = dovecot.Port,
            ["security"] = "none",
            ["username"] = dovecot.UserName,
            ["addresses"] = mailbox.OwnerAddresses,
            ["bodies"] = "all",
            ["cache"] = Path.Combine(folder, "demo.db"),
        };
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new { accounts = new[] { account } }, JsonOptions), cancellationToken);

        var bin = Path.Combine(_state, "bin");
        Directory.CreateDirectory(bin);
        var wrapper = Path.Combine(bin, "imap-mcp");
        await File.WriteAllTextAsync(wrapper, $"""
            #!/bin/sh
            # The demo's imap-mcp: the built executable with the demo config. The password comes from the environment
            # (the weaker choice, fine for a generated demo mailbox; real accounts use 'imap-mcp set-password').
            export IMAP_MCP_CONFIG='{config}'
            export IMAP_MCP_PASSWORD_DEMO='{dovecot.Password}'
            exec dotnet '{dll}' "$@"

            """, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        }

        output.WriteLine("Syncing the demo mailbox into the imap-mcp cache…");
        var clock = Stopwatch.StartNew();
        await RunToConsoleAsync(wrapper, ["sync"], cancellationToken);
        output.WriteLine($"  synced in {clock.Elapsed.TotalSeconds:0.0} s");

        return $"""
            imap-mcp (the engine, the CLI and the MCP server for assistants)
              config           {config}
              MCP (stdio):     claude mcp add imap-mcp-demo -- '{wrapper}' --config '{config}'
                               (or any MCP client: command '{wrapper}', args ["--config", "{config}"])
              MCP (HTTP):      '{wrapper}' serve --http 127.0.0.1:8765   (prints its bearer token)
              use it:          export PATH='{bin}':$PATH
                               imap-mcp folders
                               imap-mcp search 'from:ieee.org "reviewer panel"'
                               imap-mcp unreplied
                               imap-mcp stats --since 6m
                               imap-mcp --help
            """;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private async Task RunToConsoleAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new TestHarness.HarnessException($"could not start {file}.");
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new TestHarness.HarnessException($"'{file} {string.Join(' ', psi.ArgumentList)}' failed with exit code {process.ExitCode} (its messages are above).");
        }
    }
}
