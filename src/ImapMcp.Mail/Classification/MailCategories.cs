namespace ImapMcp.Mail.Classification;

/// <summary>The category names the classifier assigns.</summary>
public static class MailCategories
{
    /// <summary>Written by a person.</summary>
    public const string Human = "human";

    /// <summary>Alerts from monitoring systems.</summary>
    public const string Monitoring = "monitoring";

    /// <summary>GitHub notifications.</summary>
    public const string GitHub = "github";

    /// <summary>Orders, shipping, shop marketing.</summary>
    public const string Shopping = "shopping";

    /// <summary>LinkedIn.</summary>
    public const string LinkedIn = "linkedin";

    /// <summary>Other social networks.</summary>
    public const string Social = "social";

    /// <summary>Banks, payments, invoices.</summary>
    public const string Finance = "finance";

    /// <summary>Flights, hotels, bookings.</summary>
    public const string Travel = "travel";

    /// <summary>Newsletters and mailing lists.</summary>
    public const string Newsletter = "newsletter";

    /// <summary>Mail the owner's spam filter (or the server) put in Junk.</summary>
    public const string Spam = "spam";

    /// <summary>Other automated mail: accounts, security codes, calendars, shares, bills, trackers.</summary>
    public const string Service = "service";

    /// <summary>The headers the classifier reads; sync fetches exactly these.</summary>
    public static IReadOnlyList<string> HeaderNames { get; } =
    [
        "List-Id", "List-Unsubscribe", "List-Post", "Auto-Submitted", "Precedence", "X-GitHub-Reason", "X-GitLab-Project",
        "X-Auto-Response-Suppress", "Feedback-ID", "X-Campaign", "X-Mailer", "X-LinkedIn-Class", "X-Autoreply", "X-Mailgun-Tag",
    ];
}
