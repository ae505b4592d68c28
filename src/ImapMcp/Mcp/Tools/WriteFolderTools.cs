using System.ComponentModel;
using ImapMcp.Mcp.Results;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ImapMcp.Mcp.Tools;

/// <summary>Creating, renaming and deleting folders on the server; each change is journaled and undoable.</summary>
[McpServerToolType]
internal sealed class WriteFolderTools(AccountRegistry registry)
{
    [McpServerTool(Name = "create_folder", Title = "Create a folder", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(FolderChangeOutput))]
    [Description("Creates a folder on the server (and missing parents; nested names use '/', e.g. 'Projects/Dev') and subscribes it so sync sees it. undo deletes it again while it is empty.")]
    public Task<CallToolResult> CreateFolderAsync(
        [Description("The new folder's full name, up to 200 characters.")] string name,
        [Description(WriteSupport.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default) =>
        WriteSupport.GuardAsync(async () =>
        {
            var a = registry.Get(account);
            var entry = await a.Account.Actions.CreateFolderAsync(name?.Trim() ?? "", cancellationToken).ConfigureAwait(false);
            a.InvalidateFolders();
            return WriteSupport.Folder(a, entry);
        });

    [McpServerTool(Name = "rename_folder", Title = "Rename a folder", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(FolderChangeOutput))]
    [Description("Renames (or moves, with a new parent path) a folder and its subfolders. INBOX cannot be renamed; a role folder (sent, drafts, trash, archive, junk) only with allowRoleFolder. undo renames it back.")]
    public Task<CallToolResult> RenameFolderAsync(
        [Description("The folder's current full name, as list_folders shows it.")] string name,
        [Description("The new full name.")] string newName,
        [Description("Allow renaming a role folder (sent, drafts, trash, archive, junk); default false.")] bool allowRoleFolder = false,
        [Description(WriteSupport.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default) =>
        WriteSupport.GuardAsync(async () =>
        {
            var a = registry.Get(account);
            var entry = await a.Account.Actions.RenameFolderAsync(name ?? "", newName?.Trim() ?? "", allowRoleFolder, cancellationToken).ConfigureAwait(false);
            a.InvalidateFolders();
            return WriteSupport.Folder(a, entry);
        });

    [McpServerTool(Name = "delete_folder", Title = "Delete a folder", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(FolderChangeOutput))]
    [Description("Deletes a folder. Refused for INBOX, for role folders unless allowRoleFolder, for folders with subfolders, and for non-empty folders unless allowNonEmpty (their messages are then lost for good and it cannot be undone). An empty folder's deletion can be undone.")]
    public Task<CallToolResult> DeleteFolderAsync(
        [Description("The folder's full name, as list_folders shows it.")] string name,
        [Description("Allow deleting a role folder; default false.")] bool allowRoleFolder = false,
        [Description("Allow deleting a folder that still holds messages (they are lost for good); default false. Prefer moving them first.")] bool allowNonEmpty = false,
        [Description(WriteSupport.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default) =>
        WriteSupport.GuardAsync(async () =>
        {
            var a = registry.Get(account);
            var entry = await a.Account.Actions.DeleteFolderAsync(name ?? "", allowRoleFolder, allowNonEmpty, cancellationToken).ConfigureAwait(false);
            a.InvalidateFolders();
            return WriteSupport.Folder(a, entry);
        });
}
