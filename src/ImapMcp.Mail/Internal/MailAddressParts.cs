namespace ImapMcp.Mail.Internal;

/// <summary>Pieces of a lower-case address as the cache keeps them.</summary>
internal static class MailAddressParts
{
    /// <summary>What follows the last '@' ("" when there is none): the cache's sender domain.</summary>
    public static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 ? address[(at + 1)..] : "";
    }
}
