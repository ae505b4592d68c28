namespace TestHarness.Mail.Internal;

/// <summary>An automated sender: its address, the headers it always sends and how its mail looks.</summary>
internal sealed class SenderProfile
{
    public required GeneratedAddress Address { get; init; }

    public required MailCategory Category { get; init; }

    /// <summary>Template key the subject and body writers switch on.</summary>
    public required string Kind { get; init; }

    /// <summary>Relative share of the category's messages.</summary>
    public double Weight { get; init; } = 1;

    public string? ListId { get; init; }

    public string? ListName { get; init; }

    public string? ListUnsubscribe { get; init; }

    public string? Precedence { get; init; }

    public string? AutoSubmitted { get; init; }

    /// <summary>The owner never opens this sender's mail: every message stays unseen.</summary>
    public bool NeverOpened { get; init; }

    public string Charset { get; init; } = "utf-8";

    public BodyShape[] Shapes { get; init; } = [BodyShape.Alternative];

    public string? Mailer { get; init; }

    public TimeSpan Offset { get; init; }

    public string Domain => Address.Address[(Address.Address.IndexOf('@', StringComparison.Ordinal) + 1)..];

    public AutomationSignals Signals
    {
        get
        {
            var s = AutomationSignals.None;
            if (AutoSubmitted is not null && AutoSubmitted != "no")
            {
                s |= AutomationSignals.AutoSubmitted;
            }

            if (ListId is not null)
            {
                s |= AutomationSignals.ListId;
            }

            if (ListUnsubscribe is not null)
            {
                s |= AutomationSignals.ListUnsubscribe;
            }

            if (Precedence is "bulk" or "list" or "junk")
            {
                s |= AutomationSignals.PrecedenceBulk;
            }

            if (IsNoReply(Address.Address))
            {
                s |= AutomationSignals.NoReplySender;
            }

            return s;
        }
    }

    public static bool IsNoReply(string address)
    {
        var local = address[..address.IndexOf('@', StringComparison.Ordinal)].ToLowerInvariant();
        return local.Contains("noreply", StringComparison.Ordinal) || local.Contains("no-reply", StringComparison.Ordinal)
            || local.Contains("donotreply", StringComparison.Ordinal) || local.Contains("do-not-reply", StringComparison.Ordinal);
    }
}
