using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ImapMcp.Mail.Tests.Support;

/// <summary>
/// A loopback IMAP server that replays a transcript: for each command line the client sends, <c>answer</c> returns what
/// to send back (<c>{tag}</c> stands for the command's tag). For protocol shapes a real Dovecot will not produce on demand.
/// </summary>
internal sealed class ScriptedImapServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _serving;
    private readonly CancellationTokenSource _stop = new();

    public ScriptedImapServer(string greeting, Func<string, string> answer)
    {
        _listener.Start();
        _serving = ServeAsync(greeting, answer, _stop.Token);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The command lines received, tags removed.</summary>
    public List<string> Commands { get; } = [];

    private async Task ServeAsync(string greeting, Func<string, string> answer, CancellationToken cancellationToken)
    {
        using var client = await _listener.AcceptTcpClientAsync(cancellationToken);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(greeting + "\r\n"), cancellationToken);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var tag = line[..space];
            var command = line[(space + 1)..];
            lock (Commands)
                Commands.Add(command);
            var reply = answer(command);
            if (reply.Length == 0)
                return;
            await stream.WriteAsync(Encoding.UTF8.GetBytes(reply.Replace("{tag}", tag, StringComparison.Ordinal)), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }
}
