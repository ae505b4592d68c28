using JanusFleet.Janus.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace JanusFleet.Janus.Tests;

public sealed class TokenMinterTests
{
    // Computed independently with:
    //   printf '%s' "1767225600,janus,janus.plugin.videoroom,janus.plugin.audiobridge" | openssl dgst -sha1 -hmac "s3cret-token-key" -binary | base64
    //   printf '%s' "1767225600,janus.plugin.videoroom,room=1234" | openssl dgst -sha1 -hmac "s3cret-token-key" -binary | base64
    private const string CoreSignature = "9jMLTKTMl3E7z3/i6kxrcvvcH34=";
    private const string RoomSignature = "dCO+8GXxcP8QDTaodIR71osSb1E=";
    private static readonly DateTimeOffset NewYear2026 = DateTimeOffset.FromUnixTimeSeconds(1767225600);

    [Fact]
    public void A_core_token_matches_what_openssl_computes_byte_for_byte()
    {
        var minter = new JanusTokenMinter("s3cret-token-key");

        var token = minter.CreateCoreToken(NewYear2026, "janus.plugin.videoroom", "janus.plugin.audiobridge");

        Assert.Equal("1767225600,janus,janus.plugin.videoroom,janus.plugin.audiobridge:" + CoreSignature, token);
    }

    [Fact]
    public void A_videoroom_room_token_matches_what_openssl_computes_byte_for_byte()
    {
        var minter = new JanusTokenMinter("s3cret-token-key");

        Assert.Equal("1767225600,janus.plugin.videoroom,room=1234:" + RoomSignature, minter.CreateVideoRoomToken(1234, NewYear2026));
    }

    [Fact]
    public void A_token_lifetime_counts_from_the_injected_clock()
    {
        var time = new FakeTimeProvider(NewYear2026 - TimeSpan.FromMinutes(10));
        var minter = new JanusTokenMinter("s3cret-token-key", time);

        Assert.Equal("1767225600,janus.plugin.videoroom,room=1234:" + RoomSignature, minter.CreateVideoRoomToken(1234, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void A_descriptor_that_would_change_the_token_layout_is_refused()
    {
        var minter = new JanusTokenMinter("s3cret-token-key");

        Assert.Throws<ArgumentException>(() => minter.CreateCoreToken(NewYear2026, "janus.plugin.videoroom,janus.plugin.sip"));
    }
}
