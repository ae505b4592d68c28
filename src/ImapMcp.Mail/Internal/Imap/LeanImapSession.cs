using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using ImapMcp.Mail.Configuration;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace ImapMcp.Mail.Internal.Imap;

/// <summary>
/// A second IMAP connection used only for the bulk header FETCH of a sync: no client library, whole responses read into one
/// pooled buffer and parsed in place. It speaks just what that needs (CAPABILITY, STARTTLS, AUTHENTICATE PLAIN or LOGIN,
/// EXAMINE, UID FETCH). Dropped connections surface as <see cref="IOException"/>, like MailKit's, so the sync retries them.
/// </summary>
internal sealed class LeanImapSession : IAsyncDisposable
{
    /// <summary>The same per-read limit as the MailKit client's (ImapConnector).</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(120_000);

    private readonly TcpClient _tcp;
    private readonly FetchedMessage _message = new();
    private Stream _stream;
    private ImapResponseReader _reader;
    private HashSet<string> _capabilities = new(StringComparer.OrdinalIgnoreCase);
    private MimeParser? _parser;
    private int _tag;

    private LeanImapSession(TcpClient tcp, Stream stream)
    {
        _tcp = tcp;
        _stream = stream;
        _reader = new ImapResponseReader(stream);
    }

    /// <summary>The folder EXAMINE last opened (full name as the cache knows it) and its UIDVALIDITY.</summary>
    public string? Selected { get; private set; }

    public uint SelectedUidValidity { get; private set; }

    /// <summary>Bytes received so far.</summary>
    public long BytesRead => _reader.BytesRead;

    /// <summary>
    /// Connects and logs in like <see cref="Sync.ImapConnector"/> does; null (logged at Debug) when the server offers no way in
    /// this session speaks or anything goes wrong: the caller then keeps MailKit for the headers too.
    /// </summary>
    public static async Task<LeanImapSession?> TryOpenAsync(AccountSettings account, string password, ILogger logger, CancellationToken cancellationToken)
    {
        LeanImapSession? session = null;
        try
        {
            session = await ConnectAsync(account, cancellationToken).ConfigureAwait(false);
            if (await session.LoginAsync(account.UserName, password, cancellationToken).ConfigureAwait(false))
                return session;
            Log.LeanFetchUnavailable(logger, "the server offers neither AUTHENTICATE PLAIN nor LOGIN for these credentials");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.LeanFetchUnavailable(logger, e.Message);
        }

        if (session is not null)
            await session.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    private static async Task<LeanImapSession> ConnectAsync(AccountSettings account, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(Timeout);
                await tcp.ConnectAsync(account.Host, account.Port, connectTimeout.Token).ConfigureAwait(false);
            }

            Stream stream = tcp.GetStream();
            if (account.Security == ImapSecurity.Tls)
                stream = await TlsAsync(stream, account.Host, cancellationToken).ConfigureAwait(false);
            var session = new LeanImapSession(tcp, stream);
            var (offset, length) = await session._reader.ReadAsync(Timeout, cancellationToken).ConfigureAwait(false);
            var greeting = Encoding.UTF8.GetString(session._reader.Buffer, offset, length).TrimEnd();
            if (!greeting.StartsWith("* OK", StringComparison.OrdinalIgnoreCase))
                throw new IOException("The server's greeting is not OK: " + greeting);
            session.TakeCapabilities(greeting);
            if (session._capabilities.Count == 0)
                await session.CommandAsync("CAPABILITY", cancellationToken).ConfigureAwait(false);
            if (account.Security == ImapSecurity.StartTls)
            {
                if (!session._capabilities.Contains("STARTTLS"))
                    throw new IOException("The server does not offer STARTTLS.");
                await session.CommandAsync("STARTTLS", cancellationToken).ConfigureAwait(false);
                session._stream = await TlsAsync(session._stream, account.Host, cancellationToken).ConfigureAwait(false);
                session._reader.Dispose();
                session._reader = new ImapResponseReader(session._stream);
                session._capabilities.Clear();
                await session.CommandAsync("CAPABILITY", cancellationToken).ConfigureAwait(false);
            }

            return session;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    private static async Task<Stream> TlsAsync(Stream inner, string host, CancellationToken cancellationToken)
    {
        var tls = new SslStream(inner, leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host }, cancellationToken).ConfigureAwait(false);
        return tls;
    }

    /// <summary>AUTHENTICATE PLAIN when offered (MailKit's choice for a password on such servers), else LOGIN; false when neither fits.</summary>
    private async Task<bool> LoginAsync(string user, string password, CancellationToken cancellationToken)
    {
        if (_capabilities.Contains("AUTH=PLAIN"))
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes("\0" + user + "\0" + password));
            if (_capabilities.Contains("SASL-IR"))
            {
                await CommandAsync("AUTHENTICATE PLAIN " + token, cancellationToken, redacted: "AUTHENTICATE PLAIN").ConfigureAwait(false);
            }
            else
            {
                await CommandAsync("AUTHENTICATE PLAIN", cancellationToken, continuation: token, redacted: "AUTHENTICATE PLAIN").ConfigureAwait(false);
            }
        }
        else if (!_capabilities.Contains("LOGINDISABLED") && Quotable(user) && Quotable(password))
        {
            await CommandAsync($"LOGIN {Quote(user)} {Quote(password)}", cancellationToken, redacted: "LOGIN").ConfigureAwait(false);
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>EXAMINE (read-only) <paramref name="folder"/>; returns its UIDVALIDITY (0 when the server did not say).</summary>
    public async Task<uint> ExamineAsync(string folder, CancellationToken cancellationToken)
    {
        Selected = null;
        uint uidValidity = 0;
        await CommandAsync("EXAMINE " + Quote(ModifiedUtf7.Encode(folder)), cancellationToken, untagged: line =>
        {
            var at = line.IndexOf("[UIDVALIDITY ", StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                var digits = line.AsSpan(at + 13);
                var end = digits.IndexOf(']');
                if (end > 0 && uint.TryParse(digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    uidValidity = value;
            }
        }).ConfigureAwait(false);
        Selected = folder;
        SelectedUidValidity = uidValidity;
        return uidValidity;
    }

    /// <summary>
    /// <c>UID FETCH set items</c>; <paramref name="each"/> gets every FETCH response carrying a UID and the header section
    /// (unsolicited FETCH, EXISTS, EXPUNGE and the like are skipped). The message is reused: read it before returning.
    /// </summary>
    public Task FetchAsync(string uidSet, string items, Action<FetchedMessage> each, CancellationToken cancellationToken) =>
        CommandAsync($"UID FETCH {uidSet} {items}", cancellationToken, fetch: each);

    /// <summary>The header section <paramref name="header"/> as MimeKit's parser reads it (the same parser MailKit uses).</summary>
    public HeaderList ParseHeaders(ReadOnlyMemory<byte> header)
    {
        var stream = MemoryMarshal.TryGetArray(header, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(header.ToArray(), writable: false);
        if (_parser is null)
            _parser = new MimeParser(ParserOptions.Default, stream, persistent: false);
        else
            _parser.SetStream(stream, persistent: false);
        return _parser.ParseHeaders();
    }

    public async Task LogoutAsync(CancellationToken cancellationToken) => await CommandAsync("LOGOUT", cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Sends a command and reads to its tagged answer; NO or BAD throw <see cref="LeanImapCommandException"/> with the server's
    /// text, a FETCH response that does not parse throws <see cref="FormatException"/> once the command has completed.
    /// </summary>
    private async Task CommandAsync(string command, CancellationToken cancellationToken, string? continuation = null, string? redacted = null, Action<string>? untagged = null, Action<FetchedMessage>? fetch = null)
    {
        var tag = "L" + (++_tag).ToString(CultureInfo.InvariantCulture);
        await WriteLineAsync(tag + " " + command, cancellationToken).ConfigureAwait(false);
        var tagBytes = Encoding.ASCII.GetBytes(tag + " ");
        FormatException? malformed = null;
        while (true)
        {
            var (offset, length) = await _reader.ReadAsync(Timeout, cancellationToken).ConfigureAwait(false);
            var buffer = _reader.Buffer;
            var span = buffer.AsSpan(offset, length);
            if (span.StartsWith(tagBytes))
            {
                var status = Encoding.UTF8.GetString(span[tagBytes.Length..]).TrimEnd();
                TakeCapabilities(status);
                if (status.StartsWith("OK", StringComparison.OrdinalIgnoreCase))
                {
                    if (malformed is not null)
                        throw new FormatException("The server's FETCH responses did not parse: " + malformed.Message, malformed);
                    return;
                }

                throw new LeanImapCommandException($"The server refused '{redacted ?? command}': {status}");
            }

            if (span.StartsWith("+"u8))
            {
                if (continuation is null)
                    throw new IOException($"The server asked for more of '{redacted ?? command}', which has no more to send.");
                await WriteLineAsync(continuation, cancellationToken).ConfigureAwait(false);
                continuation = null;
                continue;
            }

            if (fetch is not null)
            {
                bool isFetch;
                try
                {
                    isFetch = FetchResponseParser.TryParse(buffer, offset, length, _message);
                }
                catch (FormatException e)
                {
                    // Read on to the tagged answer so the connection stays usable; the caller then fetches this batch another way.
                    malformed ??= e;
                    continue;
                }

                if (isFetch)
                {
                    if (_message.HasUid && _message.Header is not null)
                        fetch(_message);
                    continue;
                }
            }

            if (span.StartsWith("* BYE"u8))
                throw new IOException("The server closed the session: " + Encoding.UTF8.GetString(span).TrimEnd());
            if (fetch is not null && !span.StartsWith("* CAPABILITY"u8))
                continue;
            var line = Encoding.UTF8.GetString(span).TrimEnd();
            if (span.StartsWith("* CAPABILITY "u8))
                TakeCapabilities("[" + line[2..] + "]");
            untagged?.Invoke(line);
        }
    }

    private async Task WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\r\n");
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(Timeout);
        try
        {
            await _stream.WriteAsync(bytes, timer.Token).ConfigureAwait(false);
            await _stream.FlushAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"The server took no data for {Timeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>Capabilities from a <c>[CAPABILITY ...]</c> response code (greeting, tagged OK, or an untagged CAPABILITY turned into one).</summary>
    private void TakeCapabilities(string text)
    {
        var at = text.IndexOf("[CAPABILITY ", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
            return;
        var end = text.IndexOf(']', at);
        var list = end < 0 ? text[(at + 12)..] : text[(at + 12)..end];
        _capabilities = new HashSet<string>(list.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase);
    }

    private static bool Quotable(string s)
    {
        foreach (var c in s)
        {
            if (c is < (char)0x20 or > (char)0x7e)
                return false;
        }

        return true;
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _tcp.Dispose();
        _reader.Dispose();
    }
}
