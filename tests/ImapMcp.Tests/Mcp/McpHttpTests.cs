using System.Diagnostics;
using System.Net;
using System.Text;
using ImapMcp.Cli;
using ImapMcp.Mail.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Client;
using static ImapMcp.Tests.Mcp.McpServerFixture;

namespace ImapMcp.Tests.Mcp;

/// <summary>Streamable HTTP: the same server behind a bearer token, loopback unless the user says otherwise.</summary>
[Collection(McpServerCollection.Name)]
public sealed class McpHttpTests(GeneratedMailboxServer fixture)
{
    private const string Token = "test-token-5f0c8a1e9d2b4c7f";

    [Fact]
    public async Task Without_the_bearer_token_the_server_answers_401_with_what_to_do_and_with_it_serves_mcp()
    {
        await using var server = await HttpServer.StartAsync(fixture, ["serve", "--config", fixture.ConfigPath, "--http", "127.0.0.1:0", "--token-env", "IMAP_MCP_TEST_TOKEN", "--no-sync"], Token);
        using var http = new HttpClient();
        var initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}""";

        using var none = await http.PostAsync(server.Endpoint, new StringContent(initialize, Encoding.UTF8, "application/json"));
        using var wrong = new HttpRequestMessage(HttpMethod.Post, server.Endpoint) { Content = new StringContent(initialize, Encoding.UTF8, "application/json") };
        wrong.Headers.Authorization = new("Bearer", "guess");
        using var wrongResponse = await http.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("needs 'Authorization: Bearer <token>'", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        Assert.Contains("the bearer token is wrong", await wrongResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = server.Endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + Token },
        }));
        var tools = await client.ListToolsAsync();
        var search = Structured(await client.CallToolAsync("search", new Dictionary<string, object?> { ["query"] = "from:ieee.org \"reviewer panel\"" }));
        var save = await client.CallToolAsync("save_attachment", new Dictionary<string, object?> { ["key"] = KeyOf(fixture.Mailbox.IeeeInvitation.Invitation), ["part"] = "2" });

        Assert.Equal(McpServerBasicsTests.ReadTools.Order(StringComparer.Ordinal), tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Contains(search.GetProperty("messages").EnumerateArray(), m => m.GetProperty("key").GetString() == KeyOf(fixture.Mailbox.IeeeInvitation.Invitation));
        Assert.True(save.IsError);
        Assert.Contains("--attachments-dir", Text(save), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generated_token_is_printed_on_stderr_and_works()
    {
        await using var server = await HttpServer.StartAsync(fixture, ["serve", "--config", fixture.ConfigPath, "--http", "127.0.0.1:0", "--no-sync"], null);
        string token;
        lock (server.Stderr)
            token = server.Stderr.Select(l => System.Text.RegularExpressions.Regex.Match(l, "Bearer ([0-9a-f]{48})")).First(m => m.Success).Groups[1].Value;

        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = server.Endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
        }));

        Assert.Equal("alex", Structured(await client.CallToolAsync("list_accounts", new Dictionary<string, object?>())).GetProperty("accounts")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_non_loopback_address_is_refused_unless_allowed_and_nothing_starts()
    {
        var error = new StringWriter();
        var app = new CliApp(new StringWriter(), error, new StringReader(""), () => new MemorySecretStore(), new FakeTimeProvider(), interactive: false);

        var code = await app.RunAsync(["serve", "--config", fixture.ConfigPath, "--http", "0.0.0.0:8765"]);

        Assert.Equal(2, code);
        Assert.Contains("is not a loopback address", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--allow-remote", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>imap-mcp serving Streamable HTTP as a child process; stopped (only it) on dispose.</summary>
    private sealed class HttpServer : IAsyncDisposable
    {
        private readonly Process _process;

        private HttpServer(Process process, Uri endpoint, List<string> stderr)
        {
            _process = process;
            Endpoint = endpoint;
            Stderr = stderr;
        }

        public Uri Endpoint { get; }

        public List<string> Stderr { get; }

        public static async Task<HttpServer> StartAsync(McpServerFixture fixture, string[] arguments, string? token)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, WorkingDirectory = fixture.Directory };
            start.ArgumentList.Add(ImapMcpExecutable.Dll);
            foreach (var a in arguments)
                start.ArgumentList.Add(a);
            start.Environment["IMAP_MCP_PASSWORD_ALEX"] = fixture.Dovecot.Password;
            start.Environment.Remove("DBUS_SESSION_BUS_ADDRESS");
            if (token is not null)
                start.Environment["IMAP_MCP_TEST_TOKEN"] = token;
            var process = Process.Start(start)!;
            var stderr = new List<string>();
            var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    address.TrySetException(new InvalidOperationException("imap-mcp exited: " + string.Join('\n', stderr)));
                    return;
                }

                lock (stderr)
                    stderr.Add(e.Data);
                var m = System.Text.RegularExpressions.Regex.Match(e.Data, @"at (http://\S+/mcp)");
                if (m.Success)
                    address.TrySetResult(new Uri(m.Groups[1].Value));
            };
            process.BeginErrorReadLine();
            try
            {
                var endpoint = await address.Task.WaitAsync(TimeSpan.FromSeconds(60));
                return new HttpServer(process, endpoint, stderr);
            }
            catch
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}
