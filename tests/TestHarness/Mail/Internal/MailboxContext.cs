namespace TestHarness.Mail.Internal;

/// <summary>What every message of one mailbox shares: the owner and the spec.</summary>
internal sealed class MailboxContext(MailboxSpec spec)
{
    public MailboxSpec Spec { get; } = spec;

    public GeneratedAddress Owner { get; } = new(spec.OwnerName, spec.OwnerAddress);

    public GeneratedAddress OwnerAlias { get; } = new(spec.OwnerName, spec.OwnerAlias);

    public string OwnerFirstName { get; } = spec.OwnerName.Split(' ')[0];

    /// <summary>The domain of the owner's main address, shared by colleagues.</summary>
    public string CompanyDomain { get; } = spec.OwnerAddress[(spec.OwnerAddress.IndexOf('@', StringComparison.Ordinal) + 1)..];

    /// <summary>The owner's GitHub login, derived from the name.</summary>
    public string GitHubLogin { get; } = new string(spec.OwnerName.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
}
