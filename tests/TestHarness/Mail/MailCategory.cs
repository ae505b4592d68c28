namespace TestHarness.Mail;

/// <summary>What kind of mail a generated message is; every category except <see cref="Human"/> is automated.</summary>
public enum MailCategory
{
    /// <summary>Alerts from monitoring systems (Alertmanager, Grafana, uptime checks).</summary>
    Monitoring,

    /// <summary>GitHub notifications (notifications@github.com), threaded per issue or pull request.</summary>
    GitHub,

    /// <summary>Newsletters and mailing-list announcements (List-Id, List-Unsubscribe, Precedence: bulk).</summary>
    Newsletter,

    /// <summary>Shop order confirmations, shipping and delivery notices.</summary>
    Shopping,

    /// <summary>LinkedIn invitations, job alerts and digests.</summary>
    LinkedIn,

    /// <summary>No-reply mail from online services: security alerts, codes, shares, calendar, tickets.</summary>
    Service,

    /// <summary>Bank and payment notices and statements.</summary>
    Finance,

    /// <summary>Flight, hotel and train bookings.</summary>
    Travel,

    /// <summary>Unsolicited bulk mail, filed in Junk.</summary>
    Spam,

    /// <summary>Written by a person: people writing to the owner, and the owner's own replies and drafts.</summary>
    Human,
}
