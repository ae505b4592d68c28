namespace TestHarness.Mail.Internal;

/// <summary>Word lists the generator draws from. Changing any of them changes every generated mailbox.</summary>
internal static class Corpus
{
    public static readonly string[] FirstNames =
    [
        "James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "William", "Linda", "David", "Elizabeth", "Richard", "Susan",
        "Joseph", "Jessica", "Thomas", "Karen", "Christopher", "Lisa", "Matthew", "Nancy", "Anthony", "Sandra", "Mark", "Ashley",
        "Steven", "Kimberly", "Paul", "Emily", "Andrew", "Donna", "Joshua", "Michelle", "Kevin", "Carol", "Brian", "Amanda",
        "George", "Melissa", "Timothy", "Deborah", "Ryan", "Stephanie", "Jacob", "Rebecca", "Gary", "Sharon", "Nicholas", "Laura",
        "Eric", "Cynthia", "Aisha", "Mateo", "Fatima", "Lucas", "Ingrid", "Noah", "Yuki", "Omar", "Chloe", "Arjun", "Elena", "Felix",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez",
        "Gonzalez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark",
        "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green",
        "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Okafor", "Lindqvist", "Novak",
        "Fischer", "Rossi", "Dubois", "Kowalski", "Haddad", "Sato", "Kaur", "Ivanova", "Costa", "Jensen", "Murphy",
    ];

    /// <summary>People whose names need encoded words: (name, local part, domain, charset).</summary>
    public static readonly (string Name, string Local, string Domain, string Charset)[] InternationalPeople =
    [
        ("José Álvarez", "jose.alvarez", "partner.example", "iso-8859-1"),
        ("Zoë Brontë", "zoe", "bronte-design.example", "windows-1252"),
        ("Дмитрий Соколов", "d.sokolov", "mailbox.example", "koi8-r"),
        ("山田 健二", "kenji.yamada", "tokyo-partners.example", "shift_jis"),
        ("Łukasz Nowak", "lukasz.nowak", "krakow-soft.example", "utf-8"),
        ("Søren Østergaard", "soren", "nordic-data.example", "utf-8"),
        ("François Lefèvre", "f.lefevre", "paris-conseil.example", "iso-8859-1"),
        ("Jürgen Weiß", "juergen.weiss", "muenchen-it.example", "windows-1252"),
    ];

    public static readonly string[] PersonalDomains = ["mailbox.example", "fastmail.example", "homenet.example", "posteo.example"];

    public static readonly string[] PartnerDomains = ["contoso.example", "fabrikam.example", "startup.example", "university.example", "consulting.example"];

    public static readonly string[] Words =
    [
        "system", "team", "update", "review", "change", "release", "service", "customer", "project", "data", "plan", "issue",
        "report", "meeting", "design", "version", "support", "process", "result", "feature", "account", "schedule", "budget",
        "deadline", "migration", "deploy", "test", "draft", "proposal", "contract", "invoice", "network", "storage", "security",
        "quarter", "goal", "metric", "dashboard", "backlog", "sprint", "roadmap", "cluster", "database", "pipeline", "workflow",
        "interface", "document", "feedback", "launch", "partner", "vendor", "platform", "latency", "capacity", "incident",
        "the", "the", "the", "a", "a", "and", "and", "of", "of", "to", "to", "in", "for", "with", "on", "we", "our", "this", "that",
        "will", "should", "can", "need", "is", "are", "was", "have", "next", "new", "final", "current", "quick", "small", "main",
    ];

    public static readonly string[] HumanTopics =
    [
        "Quick question about the API migration", "Notes from today's meeting", "Lunch next week?", "Contract renewal",
        "Feedback on the proposal", "Conference travel plans", "Hiring: senior backend role", "Offsite agenda",
        "Photos from the weekend", "Your talk at the meetup", "Vendor shortlist", "Performance review timeline",
        "Architecture decision: message queue", "Customer escalation follow-up", "Holiday rota", "Reference letter",
        "Coffee chat?", "Draft blog post", "Onboarding plan for the new hire", "Roadmap priorities", "Training budget",
        "Security audit findings", "Book recommendation", "Moving the standup", "Team dinner", "Data retention policy",
    ];

    public static readonly string[] BudgetTopics =
    [
        "Budget numbers for the infrastructure line", "Headcount budget", "Cloud spend forecast", "Budget approval for the new tooling",
        "Marketing budget split",
    ];

    public static readonly string[] HumanOpeners =
    [
        "I hope your week is going well.", "Thanks for the quick turnaround last time.", "Following up on our chat earlier.",
        "Sorry for the slow reply, it has been a busy week.", "I was just looking at this again.", "Hope you had a good weekend.",
        "Quick one for you.", "Great to see you at the meetup.",
    ];

    public static readonly string[] HumanSentences =
    [
        "Could you take a look when you have a minute?", "I think we should move the deadline by a week.",
        "The numbers look better than last quarter, but the hosting line is still over.", "Let me know what you think.",
        "I've attached the latest version for reference.", "Happy to jump on a call if that is easier.",
        "We agreed to revisit this after the release.", "Can you confirm the dates before Friday?",
        "The client asked whether we can support single sign-on.", "I'll send the minutes to the whole team afterwards.",
        "Do you have a preference between the two options?", "I talked to finance and they are fine with it.",
        "Not urgent, but it would be good to close this out this month.", "The draft is in the shared folder.",
        "I would love your input before I send it out.", "We are still waiting on legal for the final wording.",
        "The new hire starts on Monday, so we need the laptop ready.", "Thanks again for covering last week.",
    ];

    public static readonly string[] OwnerReplies =
    [
        "Thanks, that works for me.", "Sounds good — let's do that.", "Sure, I'll take a look today.",
        "Good catch, I'll update the document.", "Yes, please go ahead.", "Let me check with the team and get back to you.",
        "Friday is fine.", "I've added a few comments inline.", "Agreed. Let's keep it simple.",
    ];

    public static readonly string[] SignOffs = ["Thanks,", "Best,", "Cheers,", "Best regards,", "Thanks!", "Talk soon,", "Kind regards,"];

    public static readonly string[] GitHubActors =
    [
        "octocat", "mona-lisa", "jdoe", "mfischer", "sarah-codes", "kowalski-dev", "tnguyen", "rossi-andrea", "hubot",
        "dependabot[bot]", "github-actions[bot]", "renovate[bot]", "lindqvist", "okafor-ng", "ckaur", "devnull42",
    ];

    public static readonly (string Owner, string Repo)[] GitHubRepos =
    [
        ("northwind", "api-gateway"), ("northwind", "website"), ("northwind", "billing-service"), ("northwind", "infra"),
        ("acme-labs", "imap-sync"), ("opensource-org", "fast-json"), ("cloudkit", "cli"), ("rustacean", "tokio-utils"),
        ("dotfiles-org", "shell-config"), ("data-tools", "parquet-viewer"), ("webkit-fans", "css-grid-polyfill"), ("mlops", "feature-store"),
    ];

    public static readonly string[] IssueTitles =
    [
        "Crash when config file is empty", "Add support for HTTP/3", "Memory leak in connection pool", "Docs: clarify retry semantics",
        "Flaky test in CI on macOS", "Upgrade to .NET 10", "Timeout is not respected for large uploads", "Support custom CA bundles",
        "Pagination returns duplicates", "Improve error message for invalid token", "Dark mode for the dashboard",
        "Race condition in cache invalidation", "Deprecate the v1 endpoints", "Add OpenTelemetry tracing", "Windows path handling is broken",
        "Rate limiter counts retries twice", "Move CI to GitHub Actions", "Allow configuring the log level per module",
    ];

    public static readonly string[] Packages = ["lodash", "axios", "serde", "tokio", "Newtonsoft.Json", "react", "webpack", "pytest", "golang.org/x/net", "eslint"];

    public static readonly string[] GitHubComments =
    [
        "I can reproduce this on the latest main.", "LGTM, thanks for the fix!", "Could you add a test for the empty case?",
        "This is blocked on the upstream release.", "Closing as duplicate of the older issue.", "I pushed a fix, please take another look.",
        "Any update on this? We are hitting it in production.", "The CI failure looks unrelated.", "Merged, thanks!",
        "Should we backport this to the 2.x branch?",
    ];

    public static readonly string[] AlertNames =
    [
        "HighCPUUsage", "DiskSpaceLow", "HighMemoryUsage", "PodCrashLooping", "SSLCertExpiringSoon", "HTTP5xxRateHigh",
        "ReplicationLagHigh", "NodeNotReady", "QueueBacklogGrowing", "BackupJobFailed",
    ];

    public static readonly string[] Hosts =
    [
        "web-01", "web-02", "web-03", "web-04", "api-01", "api-02", "db-01", "db-02", "worker-01", "worker-02", "worker-03",
        "cache-01", "lb-01", "k8s-node-07", "k8s-node-12",
    ];

    public static readonly string[] Products =
    [
        "USB-C charging cable (2 m)", "Noise-cancelling headphones", "Mechanical keyboard", "Paperback: Designing Data-Intensive Applications",
        "Coffee beans, 1 kg", "27\" monitor", "Running shoes", "Desk lamp", "External SSD 1 TB", "Water bottle", "Phone case", "HDMI adapter",
    ];

    public static readonly string[] Cities = ["Berlin", "Lisbon", "New York", "Tokyo", "San Francisco", "London", "Barcelona", "Toronto", "Singapore", "Vienna"];

    public static readonly string[] Hotels = ["Hotel Central", "Riverside Inn", "The Grand Plaza", "Harbour View Suites", "City Lodge"];

    public static readonly string[] Merchants = ["Corner Café", "City Grocery", "Metro Transit", "StreamFlix", "Book Nook", "Fuel Station 24", "Pharmacy Plus"];

    public static readonly string[] NewsletterHeadlines =
    [
        "What's new in distributed tracing", "10 tips for faster builds", "The state of WebAssembly", "Why your cache is lying to you",
        "A gentle introduction to CRDTs", "Postgres vs. everything", "How we cut our cloud bill by 40%", "Designing resilient APIs",
        "Inside a large-scale outage", "Type systems for the working programmer", "Kubernetes in five minutes", "Rust for C# developers",
    ];

    public static readonly string[] SpamSubjects =
    [
        "You have WON a $1000 gift card!!!", "URGENT: verify your payment details", "Re: your account", "Lowest prices on watches",
        "Claim your free cruise now", "Your parcel is waiting – confirm delivery fee", "Make $5000 a week from home",
    ];

    public static readonly string[] FrenchSentences =
    [
        "Voici les nouveautés de la semaine pour les développeurs.", "Un article détaillé sur la mise en cache côté serveur.",
        "Les inscriptions à la conférence de printemps sont ouvertes.", "Découvrez notre sélection d'outils préférés.",
    ];

    public static readonly string[] GermanSentences =
    [
        "Vielen Dank für Ihre Bestellung bei Elektro Müller.", "Ihre Sendung wird in Kürze an den Versanddienstleister übergeben.",
        "Die Rechnung finden Sie im Anhang dieser E-Mail.", "Bei Fragen erreichen Sie unseren Kundenservice werktags von 8–18 Uhr.",
    ];

    public static readonly string[] RussianSentences =
    [
        "Самые интересные статьи недели для разработчиков.", "Как мы ускорили сборку проекта в три раза.",
        "Обзор новых возможностей базы данных.", "Подпишитесь на нашу рассылку, чтобы не пропустить новости.",
    ];

    public static readonly string[] JapaneseSentences =
    [
        "このたびはご注文いただき、誠にありがとうございます。", "商品は三営業日以内に発送いたします。",
        "ご不明な点がございましたら、お気軽にお問い合わせください。", "今後ともよろしくお願いいたします。",
    ];

    public static readonly string[] MonthNames =
    [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ];
}
