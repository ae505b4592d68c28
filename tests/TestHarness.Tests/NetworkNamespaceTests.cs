using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TestHarness.Network;
using TestHarness.Processes;

namespace TestHarness.Tests;

public sealed class NetworkNamespaceTests
{
    [Fact]
    public async Task A_network_namespace_has_127_0_0_2_on_jv0_leaves_the_host_untouched_and_is_gone_after_dispose()
    {
        var hostBefore = await HostInterfacesAsync();
        var ns = await NetworkNamespace.CreateAsync();
        string inside;
        string hostDuring;
        try
        {
            inside = await ns.RunAsync("ip", ["-o", "-4", "addr", "show", "dev", NetworkNamespace.InterfaceName]);
            hostDuring = await HostInterfacesAsync();
            Assert.NotEqual(NetworkNamespace.NamespaceOf("self"), ns.Id);
        }
        finally
        {
            await ns.DisposeAsync();
        }

        Assert.Contains("inet 127.0.0.2/32", inside, StringComparison.Ordinal);
        Assert.Equal(hostBefore, hostDuring);
        Assert.Equal(hostBefore, await HostInterfacesAsync());
        Assert.Empty(ProcessesIn(ns.Id));
        Assert.False(Directory.Exists(ns.Folder));
    }

    [Fact]
    public async Task A_server_inside_the_namespace_is_reachable_from_the_test_only_through_an_exposed_port()
    {
        await using var ns = await NetworkNamespace.CreateAsync();
        var port = PortAllocator.Next();
        var server = ns.StartProcess("greeter", RequiredTool.Find("socat", "socat"),
            [$"TCP4-LISTEN:{port},bind=127.0.0.1,fork,reuseaddr", "SYSTEM:echo hello from the namespace"]);
        await server.WaitUntilReadyAsync(_ => Task.FromResult(ns.IsListening(port)), TimeSpan.FromSeconds(10), "listening");

        var before = await Assert.ThrowsAsync<SocketException>(() => ReadLineAsync(port));
        var exposed = await ns.ExposeAsync(port);
        var greeting = await ReadLineAsync(exposed);

        Assert.Equal(SocketError.ConnectionRefused, before.SocketErrorCode);
        Assert.Equal(port, exposed);
        Assert.Equal("hello from the namespace", greeting);
    }

    [Fact]
    public async Task A_process_inside_the_namespace_reaches_the_test_through_a_reversed_port()
    {
        await using var ns = await NetworkNamespace.CreateAsync();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var rootPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        var answer = AnswerOnceAsync(listener, "hello from the test");

        var inside = await ns.ReverseAsync(rootPort, PortAllocator.Next());
        var heard = await ns.RunAsync(RequiredTool.Find("socat", "socat"), ["-u", $"TCP4:127.0.0.1:{inside}", "STDOUT"], TimeSpan.FromSeconds(10));
        await answer;

        Assert.Equal("hello from the test", heard.Trim());
    }

    /// <summary>The host's interfaces and addresses, one line each, as a user would list them.</summary>
    private static async Task<string> HostInterfacesAsync() => await ChildProcess.RunAsync("ip", ["-br", "addr"]);

    private static List<int> ProcessesIn(string namespaceId) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Where(name => NetworkNamespace.NamespaceOf(name!) == namespaceId)
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))];

    private static async Task<string> ReadLineAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        using var reader = new StreamReader(client.GetStream(), Encoding.UTF8);
        return await reader.ReadLineAsync() ?? "";
    }

    private static async Task AnswerOnceAsync(TcpListener listener, string text)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var bytes = Encoding.UTF8.GetBytes(text + "\n");
        await client.GetStream().WriteAsync(bytes);
    }
}
