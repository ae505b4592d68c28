using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ImapMcp.Bench;

/// <summary>
/// The baseline: a bare IMAP conversation over TCP, no client library. What it times is the server plus the loopback,
/// which is the floor any client can reach.
/// </summary>
internal sealed class RawImapSession : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly RawImapReader _reader;
    private int _tag;

    private RawImapSession(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new RawImapReader(_stream);
    }

    public static async Task<RawImapSession> ConnectAsync(int port, string user, string password, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            var session = new RawImapSession(tcp);
            var greeting = await session._reader.ReadAsync(cancellationToken);
            if (greeting.Text?.StartsWith("* OK", StringComparison.Ordinal) != true)
                throw new IOException("Unexpected greeting: " + greeting.Text);
            await session.CommandAsync($"LOGIN {Quote(user)} {Quote(password)}", cancellationToken);
            await session.CommandAsync("ENABLE QRESYNC", cancellationToken);
            return session;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Selectable folders as the server spells them on the wire (quoted, modified UTF-7).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var (_, untagged) = await CommandAsync("LIST \"\" \"*\"", cancellationToken);
        var result = new List<string>();
        foreach (var line in untagged.Where(l => l.StartsWith("* LIST ", StringComparison.Ordinal)))
        {
            var close = line.IndexOf(')', StringComparison.Ordinal);
            var attributes = line[7..close];
            if (attributes.Contains("\\Noselect", StringComparison.OrdinalIgnoreCase) || attributes.Contains("\\NonExistent", StringComparison.OrdinalIgnoreCase))
                continue;
            var rest = line[(close + 2)..];
            var separatorEnd = rest.StartsWith('"') ? rest.IndexOf('"', 1) + 1 : rest.IndexOf(' ', StringComparison.Ordinal);
            result.Add(rest[(separatorEnd + 1)..]);
        }

        return result;
    }

    /// <summary>EXAMINE, then one <c>UID FETCH 1:* items</c>: how many messages came back, the bytes read and the time of the FETCH alone.</summary>
    public async Task<(int Messages, long Bytes, TimeSpan Fetch)> FetchAllAsync(string mailbox, string items, CancellationToken cancellationToken)
    {
        var (_, untagged) = await CommandAsync("EXAMINE " + mailbox, cancellationToken);
        var exists = untagged.Select(l => l.Split(' ')).Where(p => p.Length == 3 && p[2] == "EXISTS").Select(p => int.Parse(p[1], CultureInfo.InvariantCulture)).LastOrDefault();
        if (exists == 0)
            return (0, 0, TimeSpan.Zero);
        var before = _reader.BytesRead;
        var clock = Stopwatch.StartNew();
        var (fetched, _) = await CommandAsync("UID FETCH 1:* " + items, cancellationToken);
        return (fetched, _reader.BytesRead - before, clock.Elapsed);
    }

    public async Task LogoutAsync(CancellationToken cancellationToken) => await CommandAsync("LOGOUT", cancellationToken);

    public void Dispose()
    {
        _stream.Dispose();
        _tcp.Dispose();
    }

    /// <summary>Sends a command and reads to its tagged answer; throws unless it is OK. Returns the FETCH count and the other untagged lines.</summary>
    private async Task<(int Fetches, List<string> Untagged)> CommandAsync(string command, CancellationToken cancellationToken)
    {
        var tag = "b" + (++_tag).ToString(CultureInfo.InvariantCulture);
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(tag + " " + command + "\r\n"), cancellationToken);
        var fetches = 0;
        var untagged = new List<string>();
        while (true)
        {
            var response = await _reader.ReadAsync(cancellationToken);
            if (response.IsFetch)
            {
                fetches++;
                continue;
            }

            var text = response.Text!;
            if (text.StartsWith(tag + " ", StringComparison.Ordinal))
            {
                if (!text.AsSpan(tag.Length + 1).StartsWith("OK", StringComparison.Ordinal))
                    throw new IOException($"'{(command.StartsWith("LOGIN", StringComparison.Ordinal) ? "LOGIN" : command)}' failed: {text}");
                return (fetches, untagged);
            }

            untagged.Add(text);
        }
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
