using System.Buffers;

namespace ImapMcp.Mail.Internal.Imap;

/// <summary>
/// Reads whole IMAP responses (a line with every literal it announces, up to the final CRLF) into one pooled buffer, so
/// the parsers work on a contiguous span with no per-token reads. A response stays valid until the next read.
/// </summary>
internal sealed class ImapResponseReader : IDisposable
{
    private const int InitialSize = 256 * 1024;

    /// <summary>Refuses responses beyond this size (a header literal of a few KB is the norm): a broken server cannot exhaust memory.</summary>
    private const int MaxResponse = 64 * 1024 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;

    public ImapResponseReader(Stream stream)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    }

    /// <summary>The buffer the last response lives in (for parsers that need an array, such as a MemoryStream over a literal).</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Bytes read from the stream so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Reads the next complete response; returns its offset and length in <see cref="Buffer"/> (CRLF included).</summary>
    public async ValueTask<(int Offset, int Length)> ReadAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Offsets relative to _start: FillAsync may move the response to the buffer's start.
        var scan = 0;
        while (true)
        {
            var from = _start + scan;
            var newline = Array.IndexOf(_buffer, (byte)'\n', from, _end - from);
            if (newline < 0)
            {
                scan = _end - _start;
                await FillAsync(timeout, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var literal = LiteralLength(_buffer.AsSpan(_start, newline + 1 - _start));
            if (literal < 0)
            {
                var offset = _start;
                _start = newline + 1;
                return (offset, _start - offset);
            }

            // The literal's bytes follow the line; the response goes on after them.
            var needed = newline + 1 - _start + literal;
            if (needed > MaxResponse)
                throw new IOException($"The server sent a response over {MaxResponse / (1024 * 1024)} MB; giving up on this connection.");
            while (_end - _start < needed)
                await FillAsync(timeout, cancellationToken).ConfigureAwait(false);
            scan = (int)needed;
        }
    }

    /// <summary>Reads more bytes, first moving the current response to the buffer's start or growing the buffer when it is full.</summary>
    private async ValueTask FillAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_start == _end)
            _start = _end = 0;
        if (_end == _buffer.Length)
        {
            var used = _end - _start;
            if (_start > 0 && used < _buffer.Length / 2)
            {
                Array.Copy(_buffer, _start, _buffer, 0, used);
            }
            else
            {
                var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                Array.Copy(_buffer, _start, bigger, 0, used);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }

            _start = 0;
            _end = used;
        }

        // One timer per read from the socket (not per response): most responses are already in the buffer.
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        int read;
        try
        {
            read = await _stream.ReadAsync(_buffer.AsMemory(_end), timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"The server sent nothing for {timeout.TotalSeconds:0} s.");
        }

        if (read == 0)
            throw new IOException("The server closed the connection.");
        _end += read;
        BytesRead += read;
    }

    /// <summary>The length announced by a line ending in <c>{n}</c> or <c>{n+}</c> before its CRLF; -1 when it announces none.</summary>
    internal static long LiteralLength(ReadOnlySpan<byte> line)
    {
        var end = line.Length - 1;
        if (end >= 0 && line[end] == '\n')
            end--;
        if (end >= 0 && line[end] == '\r')
            end--;
        if (end < 0 || line[end] != '}')
            return -1;
        end--;
        if (end >= 0 && line[end] == '+')
            end--;
        long value = 0;
        long scale = 1;
        var digits = 0;
        while (end >= 0 && line[end] is >= (byte)'0' and <= (byte)'9')
        {
            value += (line[end] - '0') * scale;
            scale *= 10;
            digits++;
            end--;
            if (digits > 12)
                return -1;
        }

        return digits > 0 && end >= 0 && line[end] == '{' ? value : -1;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(buffer);
    }
}
