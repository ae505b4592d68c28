namespace TestHarness.Mail;

/// <summary>A mailbox address with its display name (empty when there is none), decoded.</summary>
public sealed record GeneratedAddress(string Name, string Address)
{
    /// <summary>"Name &lt;address&gt;", or just the address.</summary>
    public override string ToString() => Name.Length == 0 ? Address : $"{Name} <{Address}>";
}
