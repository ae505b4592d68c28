namespace ImapMcp.Mcp.Results;

internal sealed record UnrepliedOutput(string Account, DateTimeOffset Since, int Count, IReadOnlyList<MessageSummary> Messages, Freshness Freshness);

internal sealed record SenderOutput(string Address, string? Name, string Domain, int Messages, int Unread, bool Automated, string Rule, string Category);

internal sealed record SendersOutput(string Account, DateTimeOffset Since, IReadOnlyList<SenderOutput> Senders, Freshness Freshness);

internal sealed record DomainOutput(string Domain, int Messages, int Senders, int Unread, int Automated);

internal sealed record DomainsOutput(string Account, DateTimeOffset Since, IReadOnlyList<DomainOutput> Domains, Freshness Freshness);

internal sealed record RuleOutput(string Rule, bool Automated, int Messages, int Senders);

internal sealed record AutomationOutput(string Account, DateTimeOffset Since, int Total, int Automated, int Human, double AutomatedShare, IReadOnlyList<RuleOutput> ByRule, Freshness Freshness);

internal sealed record CategoryOutput(string Category, int Messages, double Share);

internal sealed record OverviewOutput(
    string Account,
    DateTimeOffset Since,
    long CachedMessages,
    int ReceivedInWindow,
    IReadOnlyList<CategoryOutput> Categories,
    IReadOnlyList<FolderInfo> Folders,
    int UnreadTotal,
    Freshness Freshness);
