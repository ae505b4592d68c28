using System.ComponentModel;
using System.Globalization;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mcp.Internal;
using ImapMcp.Mcp.Results;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ImapMcp.Mcp.Tools;

/// <summary>The folder list with roles and counts.</summary>
[McpServerToolType]
internal sealed class FolderTools(AccountRegistry registry)
{
    [McpServerTool(Name = "list_folders", Title = "List folders", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(FolderList))]
    [Description("Lists the account's cached folders with their role (inbox, sent, drafts, trash, archive, junk), message and unread counts, the server's count at the last sync and when that was. Folder names are what search's folder: and message keys (Folder:Uid) use.")]
    public async Task<CallToolResult> ListFoldersAsync(
        [Description(AccountTools.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default)
    {
        var a = registry.Get(account);
        var folders = (await a.FoldersAsync(cancellationToken).ConfigureAwait(false)).Select(Info).ToList();
        var freshness = await a.FreshnessAsync(cancellationToken).ConfigureAwait(false);
        var lines = folders.Select(f => string.Create(CultureInfo.InvariantCulture,
            $"- {f.Name}{(f.Role is null ? "" : $" ({f.Role})")}: {f.Messages:N0} messages, {f.Unread:N0} unread"));
        var text = Render.Compose(
            string.Create(CultureInfo.InvariantCulture, $"{folders.Count} folders in '{a.Name}', {folders.Sum(f => f.Messages):N0} messages:"),
            string.Join('\n', lines), freshness);
        return ToolResult.Of(new FolderList(a.Name, folders, freshness), McpJsonContext.Default.FolderList, text);
    }

    internal static FolderInfo Info(Mail.Query.FolderSummary f) =>
        new(f.Name, f.Role == FolderRole.None ? null : f.Role.ToString().ToLowerInvariant(), f.Messages, f.Unread, f.ServerMessages, f.LastSynced);
}
