using System.Text.RegularExpressions;

namespace TestHarness.Dovecot.Internal;

/// <summary>Fills in deploy/dovecot/dovecot.conf.template (embedded in the assembly).</summary>
internal static partial class DovecotConfig
{
    /// <summary>Dovecot 2.3.19's post-login capabilities without CONDSTORE and QRESYNC.</summary>
    private const string CapabilitiesWithoutQresync =
        "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT " +
        "MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 ESEARCH ESORT SEARCHRES " +
        "WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY SPECIAL-USE";

    public static string Render(IReadOnlyDictionary<string, string> values, bool disableQresync, bool disableMove = false)
    {
        using var stream = typeof(DovecotConfig).Assembly.GetManifestResourceStream("dovecot/dovecot.conf.template")
            ?? throw new HarnessException("The Dovecot config template is not embedded in TestHarness (deploy/dovecot/dovecot.conf.template).");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var all = new Dictionary<string, string>(values, StringComparer.Ordinal)
        {
            ["IMAP_CAPABILITY"] = Capabilities(disableQresync, disableMove),
        };
        text = Placeholder().Replace(text, match => all.TryGetValue(match.Groups[1].Value, out var value)
            ? value
            : throw new HarnessException($"The Dovecot config template uses {{{{{match.Groups[1].Value}}}}}, which the harness does not fill in."));
        return text;
    }

    private static string Capabilities(bool disableQresync, bool disableMove)
    {
        if (!disableQresync && !disableMove)
            return "";
        var list = disableQresync ? CapabilitiesWithoutQresync : CapabilitiesWithoutQresync.Replace(" ESEARCH ", " CONDSTORE QRESYNC ESEARCH ", StringComparison.Ordinal);
        if (disableMove)
            list = list.Replace(" MOVE ", " ", StringComparison.Ordinal);
        return "  imap_capability = " + list;
    }

    [GeneratedRegex(@"\{\{([A-Z_]+)\}\}")]
    private static partial Regex Placeholder();
}
