namespace TestHarness.Mail;

/// <summary>
/// The header evidence that a message was sent by a machine. "Auto-Submitted: no" is not a signal: a few human
/// messages carry it on purpose.
/// </summary>
[Flags]
public enum AutomationSignals
{
    None = 0,

    /// <summary>An Auto-Submitted header other than "no" (auto-generated, auto-replied).</summary>
    AutoSubmitted = 1,

    /// <summary>A List-Id header.</summary>
    ListId = 2,

    /// <summary>A List-Unsubscribe header.</summary>
    ListUnsubscribe = 4,

    /// <summary>Precedence: bulk, list or junk.</summary>
    PrecedenceBulk = 8,

    /// <summary>The sender's local part says not to reply (noreply, no-reply, donotreply, *-noreply).</summary>
    NoReplySender = 16,
}
