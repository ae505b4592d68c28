using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace JanusFleet.Janus.Tokens;

/// <summary>
/// Mints Janus HMAC-SHA1 signed tokens: <c>"&lt;expiry&gt;,&lt;realm&gt;,&lt;descriptor&gt;...:" + base64(HMAC-SHA1(secret, data))</c>.
/// Core tokens use realm "janus" and list the plugins they grant; VideoRoom room tokens use realm
/// "janus.plugin.videoroom" and the descriptor "room=&lt;id&gt;".
/// </summary>
public sealed class JanusTokenMinter
{
    /// <summary>The realm of core (session and plugin access) tokens.</summary>
    public const string CoreRealm = "janus";

    private readonly byte[] _secret;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a minter for Janus's <c>token_auth_secret</c>.</summary>
    public JanusTokenMinter(string tokenAuthSecret, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenAuthSecret);
        _secret = Encoding.UTF8.GetBytes(tokenAuthSecret);
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>A core token valid for <paramref name="lifetime"/> from now that grants <paramref name="plugins"/>.</summary>
    public string CreateCoreToken(TimeSpan lifetime, params IEnumerable<string> plugins) =>
        CreateCoreToken(_timeProvider.GetUtcNow() + lifetime, plugins);

    /// <summary>A core token valid until <paramref name="expiresAt"/> that grants <paramref name="plugins"/>.</summary>
    public string CreateCoreToken(DateTimeOffset expiresAt, params IEnumerable<string> plugins) =>
        Sign(expiresAt, CoreRealm, plugins);

    /// <summary>A VideoRoom token for one room (rooms created with <c>signed_tokens: true</c>), valid for <paramref name="lifetime"/>.</summary>
    public string CreateVideoRoomToken(JanusId room, TimeSpan lifetime) =>
        CreateVideoRoomToken(room, _timeProvider.GetUtcNow() + lifetime);

    /// <summary>A VideoRoom token for one room, valid until <paramref name="expiresAt"/>.</summary>
    public string CreateVideoRoomToken(JanusId room, DateTimeOffset expiresAt) =>
        Sign(expiresAt, Internal.JanusProtocol.VideoRoomPlugin, [string.Create(CultureInfo.InvariantCulture, $"room={room}")]);

    /// <summary>Signs any realm and descriptors the way Janus's <c>janus_auth_check_signature*</c> verifies them.</summary>
    public string Sign(DateTimeOffset expiresAt, string realm, IEnumerable<string> descriptors)
    {
        ArgumentException.ThrowIfNullOrEmpty(realm);
        ArgumentNullException.ThrowIfNull(descriptors);
        var data = new StringBuilder()
            .Append(expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))
            .Append(',')
            .Append(realm);
        foreach (var d in descriptors)
        {
            if (d.Contains(',', StringComparison.Ordinal) || d.Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException($"A token descriptor cannot contain ',' or ':' ('{d}').", nameof(descriptors));
            }

            data.Append(',').Append(d);
        }

        var text = data.ToString();
        var signature = HMACSHA1.HashData(_secret, Encoding.UTF8.GetBytes(text));
        return text + ":" + Convert.ToBase64String(signature);
    }
}
