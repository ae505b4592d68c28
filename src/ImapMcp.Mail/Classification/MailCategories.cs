namespace ImapMcp.Mail.Classification;

/// <summary>The category names the classifier assigns.</summary>
public static class MailCategories
{
    /// <summary>Written by a person.</summary>
    public const string Human = "human";

    /// <summary>Alerts from monitoring systems.</summary>
    public const string Monitoring = "monitoring";

    /// <summary>GitHub, GitLab, CI and issue-tracker notifications.</summary>
    public const string Development = "development";

    /// <summary>Orders, shipping, shop marketing.</summary>
    public const string Shopping = "shopping";

    /// <summary>LinkedIn and other social networks.</summary>
    public const string Social = "social";

    /// <summary>Banks, payments, invoices.</summary>
    public const string Finance = "finance";

    /// <summary>Flights, hotels, bookings.</summary>
    public const string Travel = "travel";

    /// <summary>Newsletters and mailing lists.</summary>
    public const string Newsletter = "newsletter";

    /// <summary>Other automated mail.</summary>
    public const string Notification = "notification";

    /// <summary>The headers the classifier reads; sync fetches exactly these.</summary>
    public static IReadOnlyList<string> HeaderNames { get; } =
    [
        "List-Id", "List-Unsubscribe", "List-Post", "Auto-Submitted", "Precedence", "X-GitHub-Reason", "X-GitLab-Project",
        "X-Auto-Response-Suppress", "Feedback-ID", "X-Campaign", "X-Mailer", "X-LinkedIn-Class", "X-Autoreply", "X-Mailgun-Tag",
    ];
}
