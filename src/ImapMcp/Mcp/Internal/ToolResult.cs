using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol.Protocol;

namespace ImapMcp.Mcp.Internal;

/// <summary>A tool answer with both a readable text (what most assistants read) and the structured content its output schema describes.</summary>
internal static class ToolResult
{
    public static CallToolResult Of<T>(T value, JsonTypeInfo<T> info, string text) => new()
    {
        Content = [new TextContentBlock { Text = text }],
        StructuredContent = JsonSerializer.SerializeToElement(value, info),
    };
}
