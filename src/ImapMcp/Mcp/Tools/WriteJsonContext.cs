using System.Text.Json;
using System.Text.Json.Serialization;
using ImapMcp.Mcp.Results;
using ModelContextProtocol;

namespace ImapMcp.Mcp.Tools;

/// <summary>The JSON contracts of the write tools' structured output, source-generated.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(MessageActionOutput))]
[JsonSerializable(typeof(ActionOutput))]
[JsonSerializable(typeof(JournalOutput))]
[JsonSerializable(typeof(FolderChangeOutput))]
[JsonSerializable(typeof(DraftOutput))]
internal sealed partial class WriteJsonContext : JsonSerializerContext
{
    private static readonly Lazy<JsonSerializerOptions> LazyToolOptions = new(() =>
    {
        var options = new JsonSerializerOptions(McpJsonContext.ToolOptions);
        options.TypeInfoResolverChain.Insert(0, Default!);
        options.MakeReadOnly();
        return options;
    });

    /// <summary>The read tools' options with these contracts first.</summary>
    public static JsonSerializerOptions ToolOptions => LazyToolOptions.Value;
}
