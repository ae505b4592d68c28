using System.Text.Json;
using System.Text.Json.Serialization;
using ImapMcp.Mcp.Results;
using ModelContextProtocol;

namespace ImapMcp.Mcp;

/// <summary>The JSON contracts of every tool's structured output, source-generated.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(AccountList))]
[JsonSerializable(typeof(AccountStatusResult))]
[JsonSerializable(typeof(SyncResult))]
[JsonSerializable(typeof(LoadMailResult))]
[JsonSerializable(typeof(FolderList))]
[JsonSerializable(typeof(SearchOutput))]
[JsonSerializable(typeof(MessageOutput))]
[JsonSerializable(typeof(ThreadOutput))]
[JsonSerializable(typeof(AttachmentList))]
[JsonSerializable(typeof(SavedAttachment))]
[JsonSerializable(typeof(UnrepliedOutput))]
[JsonSerializable(typeof(SendersOutput))]
[JsonSerializable(typeof(DomainsOutput))]
[JsonSerializable(typeof(AutomationOutput))]
[JsonSerializable(typeof(OverviewOutput))]
[JsonSerializable(typeof(CalendarOutput))]
[JsonSerializable(typeof(AuthenticationOutput))]
internal sealed partial class McpJsonContext : JsonSerializerContext
{
    private static readonly Lazy<JsonSerializerOptions> LazyToolOptions = new(() =>
    {
        var options = new JsonSerializerOptions(McpJsonUtilities.DefaultOptions);
        options.TypeInfoResolverChain.Insert(0, Default!);
        options.MakeReadOnly();
        return options;
    });

    /// <summary>The SDK's options with these contracts first: parameters bind as the SDK expects, output schemas come from here.</summary>
    public static JsonSerializerOptions ToolOptions => LazyToolOptions.Value;
}
