using System.Text.Json;

namespace JanusFleet.Janus.Internal;

/// <summary>The secrets sent with every request; never logged.</summary>
internal sealed class JanusCredentials(string? apiSecret, string? token, string? adminSecret = null)
{
    public string? ApiSecret { get; } = apiSecret;

    public string? Token { get; } = token;

    public string? AdminSecret { get; } = adminSecret;

    public void Write(Utf8JsonWriter w)
    {
        if (ApiSecret is not null)
        {
            w.WriteString(JanusProtocol.ApiSecret, ApiSecret);
        }

        if (Token is not null)
        {
            w.WriteString(JanusProtocol.Token, Token);
        }

        if (AdminSecret is not null)
        {
            w.WriteString(JanusProtocol.AdminSecret, AdminSecret);
        }
    }

    /// <summary>Replaces every secret in a protocol line, so logs never carry them.</summary>
    public string Redact(string text)
    {
        foreach (var secret in new[] { ApiSecret, Token, AdminSecret })
        {
            if (!string.IsNullOrEmpty(secret))
            {
                text = text.Replace(secret, "<redacted>", StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>The query string a long-poll GET carries the secrets in ("" or "&amp;apisecret=...").</summary>
    public string ToQuery()
    {
        var q = string.Empty;
        if (ApiSecret is not null)
        {
            q += "&" + JanusProtocol.ApiSecret + "=" + Uri.EscapeDataString(ApiSecret);
        }

        if (Token is not null)
        {
            q += "&" + JanusProtocol.Token + "=" + Uri.EscapeDataString(Token);
        }

        return q;
    }
}
