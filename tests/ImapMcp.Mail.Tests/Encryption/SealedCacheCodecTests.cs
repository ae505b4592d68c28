using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ImapMcp.Mail.Cache;
using ImapMcp.Mail.Internal;

namespace ImapMcp.Mail.Tests.Encryption;

/// <summary>The encrypting codec on its own: sealing, tokens and full-text words.</summary>
public sealed class SealedCacheCodecTests
{
    private readonly SealedCacheCodec _codec = new(RandomNumberGenerator.GetBytes(32), "/tmp/alex.db");

    [Theory]
    [InlineData("Invitation to join the IEEE Reviewer Panel")]
    [InlineData("Ünïcødé ✓ 日本語 👍")]
    [InlineData("x")]
    public void A_sealed_value_opens_to_itself_and_never_shows_the_text(string value)
    {
        var sealedValue = Assert.IsType<byte[]>(_codec.Seal(value, CacheColumn.Subject, 3, 42));
        var again = Assert.IsType<byte[]>(_codec.Seal(value, CacheColumn.Subject, 3, 42));

        Assert.Equal(value, _codec.Open(sealedValue, CacheColumn.Subject, 3, 42));
        Assert.NotEqual(sealedValue, again); // a fresh nonce every time: equal values do not look equal
        if (value.Length > 4)
            Assert.Equal(-1, sealedValue.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(value)));
        Assert.Equal(12 + System.Text.Encoding.UTF8.GetByteCount(value) + 16, sealedValue.Length);
    }

    [Fact]
    public void A_long_body_round_trips()
    {
        var body = string.Concat(Enumerable.Repeat("Could we meet Thursday at 2pm? ", 2000));
        Assert.Equal(body, _codec.Open((byte[])_codec.Seal(body, CacheColumn.Body, 1, 1), CacheColumn.Body, 1, 1));
    }

    [Fact]
    public void Empty_and_missing_values_stay_as_they_are()
    {
        Assert.Equal("", _codec.Seal("", CacheColumn.Subject, 1, 1));
        Assert.Equal(DBNull.Value, _codec.Seal(null, CacheColumn.Subject, 1, 1));
        Assert.Equal(DBNull.Value, _codec.SealBeside("", CacheColumn.FromAddress, 1, 1));
        Assert.Equal("", _codec.Token("", TokenDomain.Address));
        Assert.Null(_codec.Token(null, TokenDomain.MessageId));
    }

    [Fact]
    public void A_flipped_bit_or_a_value_moved_to_another_row_or_column_fails_naming_the_cache_and_the_fix()
    {
        var sealedValue = (byte[])_codec.Seal("Q3 budget review", CacheColumn.Subject, 3, 42);

        var flipped = (byte[])sealedValue.Clone();
        flipped[20] ^= 1;
        var e = Assert.Throws<CacheException>(() => _codec.Open(flipped, CacheColumn.Subject, 3, 42));
        Assert.Contains("/tmp/alex.db", e.Message, StringComparison.Ordinal);
        Assert.Contains("Delete /tmp/alex.db", e.Message, StringComparison.Ordinal);
        Assert.Contains("message 42", e.Message, StringComparison.Ordinal);

        Assert.Throws<CacheException>(() => _codec.Open(sealedValue, CacheColumn.Subject, 3, 43));
        Assert.Throws<CacheException>(() => _codec.Open(sealedValue, CacheColumn.Subject, 4, 42));
        Assert.Throws<CacheException>(() => _codec.Open(sealedValue, CacheColumn.FromName, 3, 42));
        Assert.Throws<CacheException>(() => _codec.Open(sealedValue[..20], CacheColumn.Subject, 3, 42));
        Assert.Throws<CacheException>(() => new SealedCacheCodec(RandomNumberGenerator.GetBytes(32), "/tmp/alex.db").Open(sealedValue, CacheColumn.Subject, 3, 42));
    }

    [Fact]
    public void Tokens_are_equal_for_equal_values_and_differ_by_domain_and_key()
    {
        var sarah = _codec.Token("sarah.chen@client.example", TokenDomain.Address);

        Assert.Matches(new Regex("^[a-z2-7]{24}$"), sarah);
        Assert.Equal(sarah, _codec.Token("sarah.chen@client.example", TokenDomain.Address));
        Assert.NotEqual(sarah, _codec.Token("sarah.chen@client.example", TokenDomain.MessageId));
        Assert.NotEqual(sarah, _codec.Token("sarah.chen@client.exampl", TokenDomain.Address));
        Assert.NotEqual(sarah, new SealedCacheCodec(RandomNumberGenerator.GetBytes(32), "x").Token("sarah.chen@client.example", TokenDomain.Address));
        Assert.Equal(" " + sarah + " " + _codec.Token("me@example.com", TokenDomain.Address) + " ",
            _codec.TokenList(" sarah.chen@client.example me@example.com ", TokenDomain.Address));
    }

    [Fact]
    public void A_lookup_key_is_the_tokens_of_its_leading_labels_so_a_domain_stays_a_prefix_of_its_subdomains()
    {
        var cloud = _codec.KeyToken("example.cloud");
        var sns = _codec.KeyToken("example.cloud.sns");

        Assert.Matches(new Regex("^[a-z2-7]{16}$"), cloud); // no part of its own for the top-level domain
        Assert.Matches(new Regex("^[a-z2-7]{16}\\.[a-z2-7]{16}$"), sns);
        Assert.StartsWith(cloud + ".", sns, StringComparison.Ordinal);
        Assert.False(_codec.KeyToken("example.cloudy.sns").StartsWith(cloud, StringComparison.Ordinal));
        Assert.NotEqual(cloud, _codec.Token("example.cloud", TokenDomain.Domain));
        Assert.Matches(new Regex("^[a-z2-7]{16}$"), _codec.KeyToken("localhost"));
        Assert.Equal("", _codec.KeyToken(""));
        Assert.Equal("example.cloud.sns", CacheCodec.Plain.KeyToken("example.cloud.sns"));
    }

    [Fact]
    public void Indexed_words_and_query_phrases_meet_as_tokens_in_order_with_accents_folded()
    {
        var indexed = _codec.Index("Café in Zürich, Thursday at 2pm!").Split(' ');

        Assert.Equal(6, indexed.Length);
        Assert.All(indexed, t => Assert.Matches(new Regex("^[a-z2-7]{16}$"), t));
        Assert.Equal("\"" + string.Join(' ', indexed[..2]) + "\"", _codec.Match("CAFE IN", prefix: false));
        Assert.Equal("\"" + string.Join(' ', indexed[3..]) + "\"", _codec.Match("thursday at 2PM", prefix: true)); // no prefix on tokens
        Assert.Equal("\"!!\"", _codec.Match("!!", prefix: false));
        Assert.Equal("\"a\"\"b\"*", CacheCodec.Plain.Match("a\"b", prefix: true));
    }
}
