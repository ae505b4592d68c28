namespace ImapMcp.Mail.Classification;

/// <summary>Decides automated vs human and a category, naming the rule that decided, so every verdict can be inspected.</summary>
public static class MessageClassifier
{
    private static readonly string[] NoReplyLocalParts =
    [
        "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply", "notifications", "notification", "notify",
        "alerts", "alert", "mailer-daemon", "postmaster", "bounce", "bounces", "newsletter", "newsletters", "digest", "automated",
        "support-noreply", "builds",
    ];

    // The affixed forms of each pattern, built once: classifying runs for every synced message.
    private static readonly (string Pattern, string Prefix, string Suffix, string Tagged)[] NoReplyForms =
        NoReplyLocalParts.Select(p => (p, p + "-", "-" + p, p + "+")).ToArray();

    private static readonly (string Category, string[] Domains)[] CategoryDomains =
    [
        (MailCategories.GitHub, ["github.com"]),
        (MailCategories.LinkedIn, ["linkedin.com"]),
        (MailCategories.Monitoring, ["pagerduty.com", "datadoghq.com", "opsgenie.net", "sentry.io", "uptimerobot.com", "grafana.net", "newrelic.com", "pingdom.com"]),
        (MailCategories.Social, ["facebookmail.com", "facebook.com", "twitter.com", "x.com", "instagram.com", "meetup.com", "reddit.com"]),
        (MailCategories.Shopping, ["amazon.com", "amazon.de", "amazon.co.uk", "ebay.com", "etsy.com", "aliexpress.com", "zalando.com", "ikea.com", "shopify.com"]),
        (MailCategories.Finance, ["paypal.com", "stripe.com", "wise.com", "revolut.com", "chase.com", "bankofamerica.com", "n26.com", "americanexpress.com"]),
        (MailCategories.Travel, ["booking.com", "airbnb.com", "expedia.com", "lufthansa.com", "ryanair.com", "easyjet.com", "trainline.com", "delta.com"]),
        (MailCategories.Newsletter, ["substack.com", "mailchimp.com", "mailchimpapp.net", "beehiiv.com", "buttondown.email", "medium.com"]),
    ];

    private static readonly (string Category, string Domain, string Suffix)[] CategorySuffixes =
        CategoryDomains.SelectMany(c => c.Domains.Select(d => (c.Category, d, "." + d))).ToArray();

    private static readonly string[] MonitoringWords = ["alert", "monitor", "grafana", "prometheus", "nagios", "zabbix", "uptime"];

    // Words inside a sender's domain that say what kind of business it is ("firstbank", "payflow", "trainline").
    private static readonly (string Category, string[] Words)[] DomainWords =
    [
        (MailCategories.Finance, ["bank", "pay", "broker", "invest", "finance", "credit"]),
        (MailCategories.Travel, ["airline", "airways", "flight", "rail", "train", "hotel", "travel", "booking", "stay"]),
        (MailCategories.Shopping, ["shop", "store", "mart", "market", "book", "order"]),
    ];

    private static readonly (string Category, string[] Words)[] SubjectWords =
    [
        (MailCategories.Monitoring, ["[firing", "[resolved]", "[alerting]", "[ok]", "alarm:", "is down", "is back up", "cpu usage", "disk usage", "high latency", "error rate"]),
        (MailCategories.Shopping, ["your order", "has shipped", "order confirmation", "out for delivery", "was delivered", "has been delivered", "your package", "how was your", "rate your purchase", "bestell", "versand", "commande", "pedido"]),
        (MailCategories.Finance, ["account statement", "low balance", "balance", "you sent", "you received", "payment received", "transaction", "card ending"]),
        (MailCategories.Travel, ["flight", "boarding pass", "itinerary", "e-ticket", "booking confirmation", "reservation", "check-in"]),
        (MailCategories.LinkedIn, ["connection request", "endorsed you", "viewed your profile", "invitation to connect"]),
        (MailCategories.Newsletter, ["newsletter", "weekly digest", "this week in", "issue #"]),
    ];

    /// <summary>Classifies one message.</summary>
    public static MailClassification Classify(ClassificationInput input)
    {
        var (automated, rule) = DecideAutomated(input);
        if (input.InJunk && automated)
            return new MailClassification(true, rule, MailCategories.Spam, "filed in the Junk folder");
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

        var (local, domain) = Split(input.FromAddress);
        var normalized = local.Replace(".", "-", StringComparison.Ordinal).Replace("_", "-", StringComparison.Ordinal);
        foreach (var (pattern, prefix, suffix, tagged) in NoReplyForms)
        {
            if (normalized == pattern || normalized.StartsWith(prefix, StringComparison.Ordinal) || normalized.EndsWith(suffix, StringComparison.Ordinal) || normalized.StartsWith(tagged, StringComparison.Ordinal))
                return (true, $"sender address pattern '{pattern}@'");
        }

        if (local.Contains("noreply", StringComparison.Ordinal) || local.Contains("no-reply", StringComparison.Ordinal))
            return (true, "sender address pattern 'noreply'");
        if (DomainCategory(domain) is { } known && known.Category is MailCategories.GitHub or MailCategories.LinkedIn or MailCategories.Monitoring or MailCategories.Newsletter)
            return (true, $"notification sender domain {known.Domain}");

        return (false, "no automated signal (no list, bulk or auto-submitted header, personal sender address)");
    }

    private static (string, string) DecideCategory(ClassificationInput input)
    {
        var (local, domain) = Split(input.FromAddress);
        if (Get(input.Headers, "X-GitHub-Reason") is not null)
            return (MailCategories.GitHub, "header X-GitHub-Reason");
        if (DomainCategory(domain) is { } known)
            return (known.Category, $"sender domain {known.Domain}");
        if (Get(input.Headers, "X-LinkedIn-Class") is not null)
            return (MailCategories.LinkedIn, "header X-LinkedIn-Class");
        if (Get(input.Headers, "List-Id") is not null)
            return (MailCategories.Newsletter, "header List-Id (a mailing list)");

        var name = domain.Split('.')[0];
        foreach (var (category, words) in DomainWords)
        {
            foreach (var word in words)
            {
                if (name.Contains(word, StringComparison.Ordinal))
                    return (category, $"sender domain {domain} contains '{word}'");
            }
        }

        var subject = input.Subject?.ToLowerInvariant() ?? "";
        foreach (var (category, words) in SubjectWords)
        {
            foreach (var word in words)
            {
                if (subject.Contains(word, StringComparison.Ordinal))
                    return (category, $"subject contains '{word}'");
            }
        }

        if (Get(input.Headers, "List-Unsubscribe") is not null || Get(input.Headers, "Precedence") is not null)
            return (MailCategories.Newsletter, "bulk-mail headers (List-Unsubscribe or Precedence)");

        foreach (var word in MonitoringWords)
        {
            if (local.Contains(word, StringComparison.Ordinal) || name.Contains(word, StringComparison.Ordinal))
                return (MailCategories.Monitoring, $"sender {local}@{domain} contains '{word}'");
        }

        return (MailCategories.Service, "automated, no more specific signal");
    }

    private static (string Local, string Domain) Split(string? address)
    {
        var a = address?.Trim().ToLowerInvariant() ?? "";
        var at = a.LastIndexOf('@');
        return at > 0 ? (a[..at], a[(at + 1)..]) : (a, "");
    }

    private static (string Category, string Domain)? DomainCategory(string domain)
    {
        foreach (var (category, d, suffix) in CategorySuffixes)
        {
            if (domain == d || domain.EndsWith(suffix, StringComparison.Ordinal))
                return (category, d);
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
