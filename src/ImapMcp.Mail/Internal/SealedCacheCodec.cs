using System.Diagnostics.CodeAnalysis;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ImapMcp.Mail.Cache;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Internal;

/// <summary>
/// The codec of an encrypted cache (docs/imap-mcp-encryption.md). From the random 256-bit master key, HKDF-SHA256
/// derives an AES-256-GCM key for content (random 96-bit nonce; associated data = column, folder id, UID) and an
/// HMAC-SHA256 key for tokens (equality columns: 120 bits, full-text words: 80 bits, both base32 so SQL and FTS5 treat
/// them as plain lower-case words).
/// </summary>
internal sealed class SealedCacheCodec : CacheCodec
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int MaxCachedTokens = 200_000;
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    private readonly byte[] _contentKey = new byte[32];
    private readonly byte[] _tokenKey = new byte[32];
    private readonly string _path;
    private readonly ConcurrentBag<AesGcm> _ciphers = [];

    [ThreadStatic]
    private static byte[]? t_nonces;

    [ThreadStatic]
    private static int t_nonceOffset;

    private readonly IncrementalHash _hmac;

    // Words, addresses, domains and rules repeat across messages: their tokens are remembered (bounded; cleared when full).
    private readonly ConcurrentDictionary<string, string>[] _tokens;
    private int _cachedTokens;

    public SealedCacheCodec(ReadOnlySpan<byte> masterKey, string path)
    {
        if (masterKey.Length != 32)
            throw new ArgumentException("The cache key must be 32 bytes.", nameof(masterKey));
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, _contentKey, [], "imap-mcp cache v1: content"u8);
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, _tokenKey, [], "imap-mcp cache v1: tokens"u8);
        _path = path;
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _tokenKey);
        // Slot 0 (no TokenDomain) remembers lookup keys (KeyToken).
        _tokens = new ConcurrentDictionary<string, string>[(int)TokenDomain.Rule + 1];
        for (var i = 0; i < _tokens.Length; i++)
            _tokens[i] = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
    }

    public override bool IsEncrypted => true;

    public override object Seal(string? value, CacheColumn column, long folderId, uint uid)
    {
        if (string.IsNullOrEmpty(value))
            return (object?)value ?? DBNull.Value;
        var length = Encoding.UTF8.GetByteCount(value);
        var sealedValue = new byte[NonceSize + length + TagSize];
        var plain = length <= 1024 ? null : ArrayPool<byte>.Shared.Rent(length);
        Span<byte> small = stackalloc byte[plain is null ? length : 0];
        var text = plain is null ? small : plain.AsSpan(0, length);
        try
        {
            Encoding.UTF8.GetBytes(value, text);
            var nonce = sealedValue.AsSpan(0, NonceSize);
            TakeNonce(nonce);
            Span<byte> data = stackalloc byte[13];
            Associated(data, column, folderId, uid);
            var aes = Rent();
            try
            {
                aes.Encrypt(nonce, text, sealedValue.AsSpan(NonceSize, length), sealedValue.AsSpan(NonceSize + length), data);
            }
            finally
            {
                _ciphers.Add(aes);
            }
        }
        finally
        {
            if (plain is not null)
                ArrayPool<byte>.Shared.Return(plain, clearArray: true);
        }

        return sealedValue;
    }

    public override object SealBeside(string? value, CacheColumn column, long folderId, uint uid) =>
        string.IsNullOrEmpty(value) ? DBNull.Value : Seal(value, column, folderId, uid);

    [return: NotNullIfNotNull(nameof(value))]
    public override string? Token(string? value, TokenDomain domain)
    {
        if (string.IsNullOrEmpty(value))
            return value;
        var cached = domain is TokenDomain.Address or TokenDomain.Domain or TokenDomain.Rule;
        if (cached && _tokens[(int)domain].TryGetValue(value, out var known))
            return known;
        var token = ComputeToken(value, domain, 15);
        if (cached)
            Remember(_tokens[(int)domain], value, token);
        return token;
    }

    [return: NotNullIfNotNull(nameof(key))]
    public override string? KeyToken(string? key)
    {
        if (string.IsNullOrEmpty(key))
            return key;
        var keys = _tokens[0];
        if (keys.TryGetValue(key, out var known))
            return known;

        // One 80-bit token per leading part of the key, from two labels on: a query names at least a domain under a
        // top-level one (LookupKeys), so top-level domains need no part of their own and their equality stays hidden.
        // The '>' keeps these tokens apart from the Domain tokens of whole values.
        var sb = new StringBuilder(key.Length * 2);
        var first = key.IndexOf('.', StringComparison.Ordinal);
        for (var dot = first < 0 ? -1 : key.IndexOf('.', first + 1); ; dot = key.IndexOf('.', dot + 1))
        {
            if (sb.Length > 0)
                sb.Append('.');
            sb.Append(ComputeToken(">" + (dot < 0 ? key : key[..dot]), TokenDomain.Domain, 10));
            if (dot < 0)
                break;
        }

        var token = sb.ToString();
        Remember(keys, key, token);
        return token;
    }

    [return: NotNullIfNotNull(nameof(text))]
    public override string? Index(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text;
        var state = new IndexState(this, new StringBuilder(text.Length / 2));
        FtsWords.Split(text, ref state, static (ref IndexState s, ReadOnlySpan<char> word) =>
        {
            if (s.Output.Length > 0)
                s.Output.Append(' ');
            s.Output.Append(s.Codec.WordToken(word));
        });
        return state.Output.ToString();
    }

    public override string Match(string text, bool prefix)
    {
        // Tokens have no prefixes: a prefix becomes a whole word. Text without words (punctuation only) cannot reveal
        // anything and is passed on as it is, so it matches what it matches in a plaintext cache.
        var words = FtsWords.Of(text);
        return words.Count == 0 ? Quote(text) : Quote(string.Join(' ', words.Select(w => WordToken(w))));
    }

    public override string? Open(SqliteDataReader reader, int ordinal, CacheColumn column, long folderId, uint uid)
    {
        if (reader.IsDBNull(ordinal))
            return null;
        if (reader.GetFieldType(ordinal) != typeof(byte[]))
        {
            // Only empty values are stored as text; anything else was written by someone without the key.
            return reader.GetString(ordinal).Length == 0 ? "" : throw Damaged(column, folderId, uid);
        }

        return Open(reader.GetFieldValue<byte[]>(ordinal), column, folderId, uid);
    }

    public override string? Open(RawStatement row, int ordinal, CacheColumn column, long folderId, uint uid)
    {
        if (row.IsNull(ordinal))
            return null;
        if (!row.IsBlob(ordinal))
            return row.GetString(ordinal).Length == 0 ? "" : throw Damaged(column, folderId, uid);
        return Open(row.GetBlob(ordinal), column, folderId, uid);
    }

    /// <summary>Opens one sealed value; a <see cref="CacheException"/> when it was damaged, altered or moved.</summary>
    public string Open(ReadOnlySpan<byte> sealedValue, CacheColumn column, long folderId, uint uid)
    {
        var length = sealedValue.Length - NonceSize - TagSize;
        if (length < 0)
            throw Damaged(column, folderId, uid);
        var plain = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Span<byte> data = stackalloc byte[13];
            Associated(data, column, folderId, uid);
            var aes = Rent();
            try
            {
                aes.Decrypt(sealedValue[..NonceSize], sealedValue.Slice(NonceSize, length), sealedValue[(NonceSize + length)..], plain.AsSpan(0, length), data);
            }
            catch (CryptographicException e)
            {
                throw Damaged(column, folderId, uid, e);
            }
            finally
            {
                _ciphers.Add(aes);
            }

            return Encoding.UTF8.GetString(plain, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain, clearArray: true);
        }
    }

    private CacheException Damaged(CacheColumn column, long folderId, uint uid, Exception? inner = null)
    {
        var where = column is CacheColumn.KeyCheck or CacheColumn.AccountHost or CacheColumn.AccountUser
            ? $"its {column} value"
            : $"the {column} of message {uid} in folder #{folderId}";
        var message = $"The encrypted cache {_path} does not open: {where} fails its integrity check (the file was damaged or altered). " +
                      $"Delete {_path} (and its -wal and -shm files) to rebuild it from the server.";
        return inner is null ? new CacheException(message) : new CacheException(message, inner);
    }

    private string WordToken(ReadOnlySpan<char> word)
    {
        var words = _tokens[(int)TokenDomain.Word].GetAlternateLookup<ReadOnlySpan<char>>();
        if (words.TryGetValue(word, out var token))
            return token;
        token = ComputeToken(word, TokenDomain.Word, 10);
        if (Interlocked.Increment(ref _cachedTokens) > MaxCachedTokens)
            ClearTokens();
        words.TryAdd(word, token);
        return token;
    }

    private void Remember(ConcurrentDictionary<string, string> tokens, string value, string token)
    {
        if (Interlocked.Increment(ref _cachedTokens) > MaxCachedTokens)
            ClearTokens();
        tokens.TryAdd(value, token);
    }

    private void ClearTokens()
    {
        foreach (var d in _tokens)
            d.Clear();
        Interlocked.Exchange(ref _cachedTokens, 0);
    }

    private string ComputeToken(ReadOnlySpan<char> value, TokenDomain domain, int bytes)
    {
        var length = 1 + Encoding.UTF8.GetByteCount(value);
        var rented = length <= 512 ? null : ArrayPool<byte>.Shared.Rent(length);
        Span<byte> small = stackalloc byte[rented is null ? length : 0];
        var input = rented is null ? small : rented.AsSpan(0, length);
        try
        {
            input[0] = (byte)domain;
            Encoding.UTF8.GetBytes(value, input[1..]);
            Span<byte> mac = stackalloc byte[32];
            // One keyed HMAC reused (reset keeps the key's inner and outer states): the one-shot form set OpenSSL up anew
            // for every token, most of a token's cost.
            lock (_hmac)
            {
                _hmac.AppendData(input);
                _hmac.GetHashAndReset(mac);
            }

            return ToBase32(mac[..bytes]);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    private static string ToBase32(ReadOnlySpan<byte> bytes)
    {
        // Whole groups of 5 bytes -> 8 characters (callers pass 10 or 15 bytes).
        Span<char> chars = stackalloc char[bytes.Length / 5 * 8];
        var c = 0;
        for (var i = 0; i + 5 <= bytes.Length; i += 5)
        {
            var group = ((ulong)bytes[i] << 32) | ((ulong)bytes[i + 1] << 24) | ((ulong)bytes[i + 2] << 16) | ((ulong)bytes[i + 3] << 8) | bytes[i + 4];
            for (var shift = 35; shift >= 0; shift -= 5)
                chars[c++] = Base32[(int)((group >> shift) & 31)];
        }

        return new string(chars);
    }

    private static void Associated(Span<byte> data, CacheColumn column, long folderId, uint uid)
    {
        data[0] = (byte)column;
        BinaryPrimitives.WriteInt64LittleEndian(data[1..], folderId);
        BinaryPrimitives.WriteUInt32LittleEndian(data[9..], uid);
    }

    /// <summary>
    /// A fresh random 96-bit nonce, taken from a per-thread block of CSPRNG output filled 340 nonces at a time: asking the
    /// generator once per sealed value (a dozen per message) cost more than the encryption itself.
    /// </summary>
    private static void TakeNonce(Span<byte> nonce)
    {
        var pool = t_nonces ??= new byte[NonceSize * 340];
        if (t_nonceOffset == 0)
            RandomNumberGenerator.Fill(pool);
        pool.AsSpan(t_nonceOffset, NonceSize).CopyTo(nonce);
        t_nonceOffset = (t_nonceOffset + NonceSize) % pool.Length;
    }

    private AesGcm Rent() => _ciphers.TryTake(out var aes) ? aes : new AesGcm(_contentKey, TagSize);

    private readonly record struct IndexState(SealedCacheCodec Codec, StringBuilder Output);
}
