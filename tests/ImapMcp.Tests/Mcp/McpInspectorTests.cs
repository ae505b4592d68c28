using System.Diagnostics;
using System.Text.Json;

namespace ImapMcp.Tests.Mcp;

/// <summary>An MCP client that is not ours: the MCP Inspector's CLI from npm lists the tools of the built imap-mcp and calls one, over stdio.</summary>
[Collection(McpServerCollection.Name)]
public sealed class McpInspectorTests(GeneratedMailboxServer fixture)
{
    /// <summary>Pinned; ./run setup puts it in the npx cache.</summary>
    private const string Inspector = "@modelcontextprotocol/inspector-cli@1.0.3";

    [Fact]
    public async Task The_inspector_cli_lists_the_tools_and_finds_the_IEEE_invitation()
    {
        var list = await InspectAsync("--method", "tools/list");
        var call = await InspectAsync("--method", "tools/call", "--tool-name", "search", "--tool-arg", "query=from:ieee.org \"reviewer panel\"");

        var tools = list.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(McpServerBasicsTests.ReadTools.Order(StringComparer.Ordinal), tools);
        var keys = call.GetProperty("structuredContent").GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("key").GetString());
        Assert.Contains(McpServerFixture.KeyOf(fixture.Mailbox.IeeeInvitation.Invitation), keys);
    }

    private async Task<JsonElement> InspectAsync(params string[] method)
    {
        // inspector-cli 1.0.3 looks for "../package.json" from the working directory but imports it relative to its own
        // file: run it one level below a folder holding a package.json so it finds its own (a packaging bug of 1.0.3).
        var root = Path.Combine(fixture.Directory, "inspector");
        var work = Path.Combine(root, "run");
        Directory.CreateDirectory(work);
        await File.WriteAllTextAsync(Path.Combine(root, "package.json"), """{ "private": true }""");

        var start = new ProcessStartInfo("npx") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = work };
        foreach (var a in (string[])["--prefer-offline", "-y", Inspector, "--cli",
                     "-e", "IMAP_MCP_CONFIG=" + fixture.ConfigPath, "-e", "IMAP_MCP_PASSWORD_ALEX=" + fixture.Dovecot.Password,
                     "dotnet", ImapMcpExecutable.Dll, "serve", "--no-sync", .. method])
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output;
        Assert.True(process.ExitCode == 0, $"npx {Inspector} exited with {process.ExitCode}:\n{text}\n{await error}");
        return JsonDocument.Parse(text[text.IndexOf('{', StringComparison.Ordinal)..]).RootElement.Clone();
    }
}
