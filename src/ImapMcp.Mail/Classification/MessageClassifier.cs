namespace ImapMcp.Mail.Classification;

/// <summary>Decides automated vs human and a category, naming the rule that decided, so every verdict can be inspected.</summary>
public static class MessageClassifier
{
    private static readonly string[] NoReplyLocalParts =
    [
        "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply", "notifications", "notification", "notify",
        "alerts", "alert", "mailer-daemon", "postmaster", "bounce", "bounces", "news", "newsletter", "newsletters", "info", "updates",
        "marketing", "digest", "automated", "system", "monitoring", "support-noreply", "jira", "builds", "ci",
    ];

    private static readonly (string Category, string[] Domains)[] CategoryDomains =
    [
        (MailCategories.Development, ["github.com", "gitlab.com", "bitbucket.org", "atlassian.net", "atlassian.com", "travis-ci.com", "circleci.com", "azure.com", "sourceforge.net"]),
        (MailCategories.Monitoring, ["pagerduty.com", "datadoghq.com", "opsgenie.net", "sentry.io", "uptimerobot.com", "grafana.net", "newrelic.com", "statuspage.io", "pingdom.com", "nagios.org"]),
        (MailCategories.Social, ["linkedin.com", "facebookmail.com", "facebook.com", "twitter.com", "x.com", "instagram.com", "meetup.com", "mastodon.social", "reddit.com"]),
        (MailCategories.Shopping, ["amazon.com", "amazon.de", "amazon.co.uk", "ebay.com", "etsy.com", "aliexpress.com", "zalando.com", "ikea.com", "shopify.com"]),
        (MailCategories.Finance, ["paypal.com", "stripe.com", "wise.com", "revolut.com", "chase.com", "bankofamerica.com", "n26.com", "americanexpress.com"]),
        (MailCategories.Travel, ["booking.com", "airbnb.com", "expedia.com", "lufthansa.com", "ryanair.com", "easyjet.com", "uber.com", "trainline.com", "delta.com"]),
        (MailCategories.Newsletter, ["substack.com", "mailchimp.com", "mailchimpapp.net", "beehiiv.com", "buttondown.email", "medium.com"]),
    ];

    private static readonly (string Category, string[] Words)[] SubjectWords =
    [
        (MailCategories.Monitoring, ["[alert]", "[firing", "[resolved]", "alert:", "is down", "is up", "incident", "monitor", "cpu usage", "disk usage", "high latency"]),
        (MailCategories.Development, ["pull request", "[pr]", "build failed", "build passed", "pipeline", "merge request", "commit", "ci run"]),
        (MailCategories.Shopping, ["your order", "has shipped", "order confirmation", "delivery", "out for delivery", "% off", "sale"]),
        (MailCategories.Finance, ["invoice", "statement", "payment", "receipt", "transaction", "your bill"]),
        (MailCategories.Travel, ["flight", "booking confirmation", "itinerary", "boarding pass", "reservation", "check-in"]),
        (MailCategories.Social, ["connection request", "endorsed you", "new follower", "viewed your profile", "invitation to connect"]),
        (MailCategories.Newsletter, ["newsletter", "weekly digest", "this week in", "issue #"]),
    ];

    /// <summary>Classifies one message.</summary>
    public static MailClassification Classify(ClassificationInput input)
    {
        var (automated, rule) = DecideAutomated(input);
        if (!automated)
            return new MailClassification(false, rule, MailCategories.Human, rule);
        var (category, categoryRule) = DecideCategory(input);
        return new MailClassification(true, rule, category, categoryRule);
    }

    private static (bool, string) DecideAutomated(ClassificationInput input)
    {
        var h = input.Headers;
        if (Get(h, "Auto-Submitted") is { } auto && !auto.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
            return (true, $"header Auto-Submitted: {auto.Trim()}");
        if (Get(h, "List-Id") is { } listId)
            return (true, $"header List-Id: {Trim(listId)}");
        if (Get(h, "List-Unsubscribe") is not null)
            return (true, "header List-Unsubscribe");
        if (Get(h, "Precedence") is { } precedence && precedence.Trim().ToLowerInvariant() is "bulk" or "list" or "junk" or "auto_reply")
            return (true, $"header Precedence: {precedence.Trim().ToLowerInvariant()}");
        if (Get(h, "X-GitHub-Reason") is { } reason)
            return (true, $"header X-GitHub-Reason: {reason.Trim()}");
        if (Get(h, "X-GitLab-Project") is not null)
            return (true, "header X-GitLab-Project");
        if (Get(h, "X-Auto-Response-Suppress") is { } suppress && suppress.Contains("All", StringComparison.OrdinalIgnoreCase))
            return (true, "header X-Auto-Response-Suppress: All");
        if (Get(h, "Feedback-ID") is not null)
            return (true, "header Feedback-ID (bulk sender)");
        if (Get(h, "X-Campaign") is not null || Get(h, "X-Mailgun-Tag") is not null)
            return (true, "header of a mass-mailing service");
        if (Get(h, "X-LinkedIn-Class") is not null)
            return (true, "header X-LinkedIn-Class");
        if (Get(h, "X-Autoreply") is not null)
            return (true, "header X-Autoreply");

        var address = input.FromAddress?.Trim().ToLowerInvariant() ?? "";
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var local = at > 0 ? address[..at] : address;
        var normalized = local.Replace(".", "-", StringComparison.Ordinal);
        foreach (var pattern in NoReplyLocalParts)
        {
            if (normalized == pattern || normalized.StartsWith(pattern + "-", StringComparison.Ordinal) || normalized.StartsWith(pattern + "+", StringComparison.Ordinal))
                return (true, $"sender address pattern '{pattern}@'");
        }

        if (local.Contains("noreply", StringComparison.Ordinal) || local.Contains("no-reply", StringComparison.Ordinal))
            return (true, "sender address pattern 'noreply'");
        if (at > 0 && DomainCategory(address[(at + 1)..]) is { } known && known.Category != MailCategories.Travel && known.Category != MailCategories.Finance)
            return (true, $"notification sender domain {known.Domain}");

        return (false, "no automated signal (no list, bulk or auto-submitted header, personal sender address)");
    }

    private static (string, string) DecideCategory(ClassificationInput input)
    {
        var address = input.FromAddress?.Trim().ToLowerInvariant() ?? "";
        var at = address.IndexOf('@', StringComparison.Ordinal);
        if (Get(input.Headers, "X-GitHub-Reason") is not null || Get(input.Headers, "X-GitLab-Project") is not null)
            return (MailCategories.Development, "header X-GitHub-Reason/X-GitLab-Project");
        if (at > 0 && DomainCategory(address[(at + 1)..]) is { } known)
            return (known.Category, $"sender domain {known.Domain}");
        if (Get(input.Headers, "X-LinkedIn-Class") is not null)
            return (MailCategories.Social, "header X-LinkedIn-Class");

        var subject = input.Subject?.ToLowerInvariant() ?? "";
        foreach (var (category, words) in SubjectWords)
        {
            foreach (var word in words)
            {
                if (subject.Contains(word, StringComparison.Ordinal))
                    return (category, $"subject contains '{word}'");
            }
        }

        var local = at > 0 ? address[..at] : address;
        if (local.Contains("alert", StringComparison.Ordinal) || local.Contains("monitor", StringComparison.Ordinal))
            return (MailCategories.Monitoring, $"sender address '{local}@'");
        if (Get(input.Headers, "List-Id") is not null || Get(input.Headers, "List-Unsubscribe") is not null)
            return (MailCategories.Newsletter, "mailing-list headers");
        return (MailCategories.Notification, "automated, no category signal");
    }

    private static (string Category, string Domain)? DomainCategory(string domain)
    {
        foreach (var (category, domains) in CategoryDomains)
        {
            foreach (var d in domains)
            {
                if (domain == d || domain.EndsWith("." + d, StringComparison.Ordinal))
                    return (category, d);
            }
        }

        return null;
    }

    private static string? Get(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.TryGetValue(name, out var v) ? v : null;

    private static string Trim(string value)
    {
        var v = value.Trim();
        return v.Length > 80 ? v[..80] : v;
    }
}
