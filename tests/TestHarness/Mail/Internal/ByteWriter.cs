using System.Buffers;
using System.Globalization;
using System.Text;

namespace TestHarness.Mail.Internal;

/// <summary>A growable byte buffer rented from the array pool, with the few writes a message needs.</summary>
internal sealed class ByteWriter : IDisposable
{
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();
    private byte[] _buffer;
    private int _length;

    public ByteWriter(int capacity = 8192) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    public void Clear() => _length = 0;

    /// <summary>Writes <paramref name="text"/> as UTF-8 (ASCII for almost everything the renderer writes).</summary>
    public ByteWriter Write(string text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
        return this;
    }

    public ByteWriter Write(ReadOnlySpan<char> text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
        return this;
    }

    public ByteWriter Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
        return this;
    }

    public ByteWriter Write(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
        return this;
    }

    public ByteWriter Write(long value)
    {
        Ensure(24);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    /// <summary>Writes <paramref name="text"/> in <paramref name="encoding"/>.</summary>
    public ByteWriter Write(string text, Encoding encoding)
    {
        Ensure(encoding.GetMaxByteCount(text.Length));
        _length += encoding.GetBytes(text, _buffer.AsSpan(_length));
        return this;
    }

    public ByteWriter Line() => Write(CrLf);

    public ByteWriter Line(string text) => Write(text).Write(CrLf);

    /// <summary>Writes "Name: value" and CRLF.</summary>
    public ByteWriter Header(string name, string value) => Write(name).Write(": ").Write(value).Write(CrLf);

    /// <summary>Makes room for <paramref name="count"/> more bytes and returns the span to fill; call <see cref="Advance"/> after.</summary>
    public Span<byte> GetSpan(int count)
    {
        Ensure(count);
        return _buffer.AsSpan(_length, count);
    }

    public void Advance(int count) => _length += count;

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
