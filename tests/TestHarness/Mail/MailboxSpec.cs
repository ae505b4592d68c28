namespace TestHarness.Mail;

/// <summary>What <see cref="MailboxGenerator"/> should generate; the same spec always gives the same bytes.</summary>
public sealed class MailboxSpec
{
    /// <summary>Smallest <see cref="Count"/>: the planted stories need room.</summary>
    public const int MinCount = 100;

    /// <summary>Largest <see cref="Count"/>.</summary>
    public const int MaxCount = 1_000_000;

    /// <summary>The exact number of messages over all folders, planted stories included (100 to 1,000,000).</summary>
    public int Count { get; init; } = 2_000;

    /// <summary>The seed; a different seed gives different messages (the planted stories stay).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The moment the mailbox is looked at: dates spread over the three years before it, none after it.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The owner's display name.</summary>
    public string OwnerName { get; init; } = "Alex Morgan";

    /// <summary>The owner's main address; colleagues share its domain.</summary>
    public string OwnerAddress { get; init; } = "alex.morgan@example.com";

    /// <summary>A second address of the owner: some mail is sent to it, one reply is sent from it.</summary>
    public string OwnerAlias { get; init; } = "alex@home.example";

    /// <summary>Whether to include the few deliberately malformed messages (default true).</summary>
    public bool IncludeMalformed { get; init; } = true;

    internal void Validate()
    {
        if (Count is < MinCount or > MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(Count), Count, $"A generated mailbox holds {MinCount} to {MaxCount} messages.");
        }

        if (Now.Year is < 2000 or > 9000)
        {
            throw new ArgumentOutOfRangeException(nameof(Now), Now, "Now must be a real date (pass a fixed DateTimeOffset for deterministic output).");
        }

        foreach (var (name, value) in new[] { (nameof(OwnerAddress), OwnerAddress), (nameof(OwnerAlias), OwnerAlias) })
        {
            var at = value.IndexOf('@', StringComparison.Ordinal);
            if (at <= 0 || at == value.Length - 1 || value.Any(c => c is ' ' or '<' or '>' or '"' || c > 127))
            {
                throw new ArgumentException($"'{value}' is not a plain ASCII e-mail address.", name);
            }
        }

        if (string.Equals(OwnerAddress, OwnerAlias, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("The owner's alias must differ from the main address.", nameof(OwnerAlias));
        }

        if (OwnerName.Length == 0 || OwnerName.Any(c => c is '\r' or '\n' or '"' or '<' or '>'))
        {
            throw new ArgumentException("The owner's name must be a non-empty single line without quotes or angle brackets.", nameof(OwnerName));
        }
    }
}
