using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TestHarness.Janus;
using TestHarness.Processes;

namespace DevServers;

/// <summary>The demo: real servers on well-known loopback ports (when free), state under .state/demo.</summary>
internal sealed partial class Demo(DemoOptions options, TextWriter output) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _started = [];
    private readonly string _state = Path.Combine(options.Root, ".state", "demo");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }

        Directory.CreateDirectory(_state);
        var clock = Stopwatch.StartNew();
        var mail = await StartMailAsync(cancellationToken);
        var imapMcp = await StartImapMcpAsync(mail.Dovecot, mail.Mailbox, cancellationToken);
        var janus = await StartJanusAsync(cancellationToken);
        output.WriteLine();
        output.WriteLine($"Demo ready in {clock.Elapsed.TotalSeconds:0.0} s. State, configs and logs: {_state}");
        output.WriteLine();
        output.WriteLine(mail.Text);
        output.WriteLine(imapMcp);
        output.WriteLine(janus);
    }

    private async Task<string> StartJanusAsync(CancellationToken cancellationToken)
    {
        output.WriteLine("Starting Janus…");
        var janus = await JanusServer.StartAsync(
            new JanusOptions
            {
                HttpPort = PreferredPort(18088),
                AdminPort = PreferredPort(17088),
                WebSocketPort = PreferredPort(18188),
                Folder = Path.Combine(_state, "janus"),
            },
            cancellationToken);
        _started.Add(janus);
        return $$"""
            Janus WebRTC gateway (janus-fleet talks to it; the control plane is not built yet)
              API (HTTP)       {{janus.HttpUrl}}      api_secret: {{janus.ApiSecret}}
              API (WebSocket)  {{janus.WebSocketUrl}}   subprotocol janus-protocol
              Admin API        {{janus.AdminUrl}}      admin_secret: {{janus.AdminSecret}}
              try:             curl -s -X POST {{janus.HttpUrl}} -d '{"janus":"info","transaction":"t1"}'
              config and log:  {{janus.Folder}}
            """;
    }

    /// <summary>The given port if nothing listens on it, else a free one (a second demo or another service may hold it).</summary>
    private static int PreferredPort(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return port;
        }
        catch (SocketException)
        {
            return PortAllocator.Next();
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].DisposeAsync();
        }
    }
}
