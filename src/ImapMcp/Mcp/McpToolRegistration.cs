using ImapMcp.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection;

namespace ImapMcp.Mcp;

/// <summary>Which tools, resources and prompts the server offers. The host calls these; nothing else registers MCP primitives.</summary>
internal static class McpToolRegistration
{
    /// <summary>The read-only tools (cache reads, sync, attachments and inspection), always registered.</summary>
    public static IMcpServerBuilder AddReadTools(IMcpServerBuilder builder)
    {
        var json = McpJsonContext.ToolOptions;
        return builder
            .WithTools<AccountTools>(json)
            .WithTools<FolderTools>(json)
            .WithTools<ReadTools>(json)
            .WithTools<TriageTools>(json)
            .WithTools<AttachmentTools>(json)
            .WithTools<InspectTools>(json);
    }

    /// <summary>A message by URI and the overview as resources; the triage, review, clean-up and reply prompts.</summary>
    public static IMcpServerBuilder AddResourcesAndPrompts(IMcpServerBuilder builder) =>
        builder.WithResources<MailResources>().WithPrompts<MailPrompts>(McpJsonContext.ToolOptions);

    /// <summary>
    /// The tools that change the mailbox (folders, flags, move/copy/archive/delete plans with dry-run, apply and undo,
    /// journal, drafts). Called only when the server starts with <c>--write</c>; without it these tools are absent from
    /// tools/list. Register each write tool type here, e.g. <c>builder.WithTools&lt;WriteFolderTools&gt;(McpJsonContext.ToolOptions)</c>,
    /// with tool classes in <c>src/ImapMcp/Mcp/Tools/Write*.cs</c>; services they need go into <paramref name="builder"/>.Services.
    /// Tools resolve accounts with <see cref="AccountRegistry.Get"/> and keys with <see cref="ServedAccount.ParseKeyAsync"/>.
    /// </summary>
    public static IMcpServerBuilder AddWriteTools(IMcpServerBuilder builder)
    {
        var json = WriteJsonContext.ToolOptions;
        return builder
            .WithTools<WriteFolderTools>(json)
            .WithTools<WriteMessageTools>(json)
            .WithTools<WritePlanTools>(json)
            .WithTools<WriteDraftTools>(json);
    }
}
