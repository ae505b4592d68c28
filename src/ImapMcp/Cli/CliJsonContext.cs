using System.Text.Json.Serialization;
using ImapMcp.Mail.Query;
using ImapMcp.Mail.Sync;

namespace ImapMcp.Cli;

/// <summary>What --json prints for the stats verb.</summary>
internal sealed record StatsOutput(
    DateTimeOffset Since,
    IReadOnlyList<SenderVolume> TopSenders,
    IReadOnlyList<DomainVolume> TopDomains,
    AutomationShare Automation,
    IReadOnlyList<SenderVolume> NeverOpened,
    IReadOnlyList<CategoryVolume> Categories,
    IReadOnlyList<MonthVolume> Months);

/// <summary>What --json prints for check-config: one line per account.</summary>
internal sealed record AccountCheck(string Name, string Server, string Security, string UserName, IReadOnlyList<string> Addresses, string Cache, string Bodies, bool Encrypt, string Password, bool AllowWrite);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SearchResult))]
[JsonSerializable(typeof(MessageDetails))]
[JsonSerializable(typeof(IReadOnlyList<MessageItem>))]
[JsonSerializable(typeof(IReadOnlyList<FolderSummary>))]
[JsonSerializable(typeof(SyncReport))]
[JsonSerializable(typeof(StatsOutput))]
[JsonSerializable(typeof(List<AccountCheck>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
