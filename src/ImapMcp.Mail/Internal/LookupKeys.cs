namespace ImapMcp.Mail.Internal;

/// <summary>
/// The one place that maps senders and mailing lists to the values the cache's lookup indexes hold: the lower-case address
/// (<c>from_addr</c>), the sender's domain key (<c>from_domain_key</c>) and the list key (<c>list_key</c>). A key is a domain
/// with its labels reversed (<c>sns.cloud.example</c> → <c>example.cloud.sns</c>), so a domain and its subdomains are one
/// range of an index. The writer and the query compiler both go through here. In an encrypted cache the columns hold keyed
/// tokens: a whole address is its token (<see cref="CacheCodec.Token"/>), and a key is the tokens of its leading labels
/// (<see cref="CacheCodec.KeyToken"/>), so a domain and its subdomains are still one range. The start of an address has no
/// token: in an encrypted cache the query compiler finds it by the phrase of its words in the sender, then checks it on the
/// opened address.
/// </summary>
internal sealed record LookupKeys(string Column, string? Exact, string? Key, string? AddressPrefix)
{
    /// <summary>The key of a domain (or of a List-Id's identifier); empty for an empty domain.</summary>
    public static string KeyOf(string domain)
    {
        if (domain.Length == 0)
            return "";
        var labels = domain.Trim().ToLowerInvariant().Split('.');
        Array.Reverse(labels);
        return string.Join('.', labels);
    }

    /// <summary>What <c>from_domain_key</c> holds for a sender domain: its key, or the key's token in an encrypted cache.</summary>
    public static string StoredDomainKey(string domain, CacheCodec codec) => codec.KeyToken(KeyOf(domain));

    /// <summary>What <c>list_key</c> holds for a List-Id header: its key, the key's token in an encrypted cache, or null.</summary>
    public static string? StoredListKey(string? listId, CacheCodec codec) => codec.KeyToken(ListKeyOf(listId));

    /// <summary>The list key of a List-Id header (<c>The Weekly Dev &lt;weekly.weeklydev.example&gt;</c>); null without one.</summary>
    public static string? ListKeyOf(string? listId)
    {
        if (string.IsNullOrWhiteSpace(listId))
            return null;
        var open = listId.LastIndexOf('<');
        var close = listId.LastIndexOf('>');
        var id = open >= 0 && close > open ? listId[(open + 1)..close] : listId;
        return id.Trim().Length == 0 ? null : KeyOf(id);
    }

    /// <summary>
    /// How a <c>from:</c> or <c>list:</c> value is looked up by index, or null for full text. <c>from:</c> a whole address by
    /// equality; <c>@domain</c> or a dotted value as a domain with its subdomains, a dotted value also as the start of an address
    /// (<c>from:arjun.ivanova</c>). <c>list:</c> a dotted value as a list identifier or a domain above it (<c>list:github.com</c>).
    /// Names and single words (<c>from:sarah</c>, <c>list:github</c>) stay full text.
    /// </summary>
    public static LookupKeys? Of(TextNode text, CacheCodec codec)
    {
        if (text.Column is not ("sender" or "list"))
            return null;
        var value = text.Text.Trim().ToLowerInvariant();
        if (value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || c is '"' or '<' or '>' or ',' or '(' or ')'))
            return null;
        if (text.Column == "list")
            return IsDomain(value) ? new LookupKeys("list_key", null, codec.KeyToken(KeyOf(value)), null) : null;

        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at != value.LastIndexOf('@'))
            return null;
        if (at > 0)
            return at < value.Length - 1 ? new LookupKeys("from_addr", codec.Token(value, TokenDomain.Address), null, null) : null;
        var domain = at == 0 ? value[1..] : value;
        if (!IsDomain(domain))
            return null;
        return new LookupKeys("from_domain_key", null, codec.KeyToken(KeyOf(domain)), at == 0 ? null : value);
    }

    private static bool IsDomain(string value)
    {
        if (!value.Contains('.', StringComparison.Ordinal))
            return false;
        foreach (var label in value.Split('.'))
        {
            if (label.Length == 0 || !label.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
                return false;
        }

        return true;
    }
}
