using TestHarness.Mail.Internal;

namespace TestHarness.Mail;

/// <summary>
/// Generates a realistic, deterministic mailbox from a <see cref="MailboxSpec"/>: the same spec always gives the
/// same folders, metadata and bytes. Load it into Dovecot with <c>DovecotServer.LoadAsync</c>.
/// </summary>
public static class MailboxGenerator
{
    /// <summary>Changes whenever the same spec would give different bytes (so loaders can tell a stale copy).</summary>
    internal const int FormatVersion = 2;

    /// <summary>A string that identifies the bytes <paramref name="spec"/> generates.</summary>
    internal static string Fingerprint(MailboxSpec spec) => string.Join(
        '|',
        FormatVersion,
        spec.Count,
        spec.Seed,
        spec.Now.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        spec.OwnerName,
        spec.OwnerAddress,
        spec.OwnerAlias,
        spec.IncludeMalformed);

    /// <summary>Generates the mailbox's metadata; message bytes are rendered on demand (<see cref="GeneratedMessage.ToBytes"/>).</summary>
    public static GeneratedMailbox Generate(MailboxSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        return new MailboxBuilder(spec).Build();
    }
}
