namespace TestHarness.Mail;

/// <summary>
/// Planted story "who haven't I replied to?": every message people sent the owner in the two weeks before
/// <see cref="MailboxSpec.Now"/> comes from this story, so <see cref="Unanswered"/> is the exact answer.
/// </summary>
public sealed class UnrepliedStory
{
    internal UnrepliedStory(DateTimeOffset since, IReadOnlyList<GeneratedMessage> unanswered, IReadOnlyList<GeneratedMessage> answered, IReadOnlyList<GeneratedMessage> replies)
    {
        Since = since;
        Unanswered = unanswered;
        Answered = answered;
        Replies = replies;
    }

    /// <summary>The start of the window: two weeks before <see cref="MailboxSpec.Now"/>.</summary>
    public DateTimeOffset Since { get; }

    /// <summary>
    /// Messages from people in the window with no later message from the owner in their thread, oldest first. They
    /// include a follow-up in a thread the owner had answered earlier, one filed in Projects/Website, one where the
    /// owner is only in Cc, one with only a draft reply in Drafts, and non-UTF-8 ones.
    /// </summary>
    public IReadOnlyList<GeneratedMessage> Unanswered { get; }

    /// <summary>Messages from people in the window that the owner replied to (one reply sent from an alias), oldest first.</summary>
    public IReadOnlyList<GeneratedMessage> Answered { get; }

    /// <summary>The owner's replies (in Sent) to <see cref="Answered"/>, in the same order.</summary>
    public IReadOnlyList<GeneratedMessage> Replies { get; }
}
