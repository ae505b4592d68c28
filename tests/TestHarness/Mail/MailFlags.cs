namespace TestHarness.Mail;

/// <summary>The IMAP system flags a message carries (the Maildir info letters S, R, F, T, D).</summary>
[Flags]
public enum MailFlags
{
    None = 0,
    Seen = 1,
    Answered = 2,
    Flagged = 4,
    Deleted = 8,
    Draft = 16,
}
