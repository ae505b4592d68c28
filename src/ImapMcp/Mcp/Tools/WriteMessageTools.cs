using System.ComponentModel;
using ImapMcp.Mail.Actions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ImapMcp.Mcp.Tools;

/// <summary>
/// Actions on messages, each over keys or a query. Every call is a dry run unless dryRun is false (keys only): a query
/// always goes through a plan (count, sample, planId) that apply_plan carries out.
/// </summary>
[McpServerToolType]
internal sealed class WriteMessageTools(AccountRegistry registry)
{
    private const string Plans = " Dry run by default: returns the exact count, a sample and a planId; apply_plan carries out exactly those messages, undo reverses it.";

    [McpServerTool(Name = "mark_read", Title = "Mark read", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(Results.MessageActionOutput))]
    [Description("Marks messages read (\\Seen) on the server." + Plans)]
    public Task<CallToolResult> MarkReadAsync(
        [Description(WriteSupport.KeysParameter)] string[]? keys = null,
        [Description(WriteSupport.QueryParameter)] string? query = null,
        [Description(WriteSupport.DryRunParameter)] bool dryRun = true,
        [Description(WriteSupport.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(MessageAction.MarkRead, keys, query, dryRun, account, cancellationToken);

    [McpServerTool(Name = "mark_unread", Title = "Mark unread", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(Results.MessageActionOutput))]
    [Description("Marks messages unread (removes \\Seen) on the server." + Plans)]
    public Task<CallToolResult> MarkUnreadAsync(
        [Description(WriteSupport.KeysParameter)] string[]? keys = null,
        [Description(WriteSupport.QueryParameter)] string? query = null,
        [Description(WriteSupport.DryRunParameter)] bool dryRun = true,
        [Description(WriteSupport.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(MessageAction.MarkUnread, keys, query, dryRun, account, cancellationToken);

    [McpServerTool(Name = "flag", Title = "Flag", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(Results.MessageActionOutput))]
    [Description("Flags (stars) messages (\\Flagged) on the server." + Plans)]
    public Task<CallToolResult> FlagAsync(
        [Description(WriteSupport.KeysParameter)] string[]? keys = null,
        [Description(WriteSupport.QueryParameter)] string? query = null,
        [Description(WriteSupport.DryRunParameter)] bool dryRun = true,
        [Description(WriteSupport.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(MessageAction.Flag, keys, query, dryRun, account, cancellationToken);

    [McpServerTool(Name = "unflag", Title = "Unflag", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(Results.MessageActionOutput))]
    [Description("Removes the flag (\\Flagged) from messages on the server." + Plans)]
    public Task<CallToolResult> UnflagAsync(
        [Description(WriteSupport.KeysParameter)] string[]? keys = null,
        [Description(WriteSupport.QueryParameter)] string? query = null,
        [Description(WriteSupport.DryRunParameter)] bool dryRun = true,
        [Description(WriteSupport.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(MessageAction.Unflag, keys, query, dryRun, account, cancellationToken);

    [McpServerTool(Name = "move", Title = "Move messages", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(Results.MessageActionOutput))]
    [Description("Moves messages to another folder (IMAP MOVE; each message ends in exactly one folder). Create the folder first with create_folder if needed." + Plans)]
    public async Task<CallToolResult> MoveAsync(
        [Description("The destination folder, as list_folders names it.")] string destination,
        [Description(WriteSupport.KeysParameter)] string[]? keys = null,
        [Description(WriteSupport.QueryParameter)] string? query = null,
        [Description(WriteSupport.DryRunParameter)] bool dryRun = true,
        [Description(WriteSupport.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default)
    {
        var folder = await registry.Get(account).ResolveFolderAsync(destination ?? "", cancellationToken).ConfigureAwait(false);
        return await RunAsync(MessageAction.MoveTo(folder), keys, query, dryRun, account, cancellationToken).ConfigureAwait(false);
    }

    [McpServerTool(Name = "copy", Title = "Copy messages", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(Results.MessageActionOutput))]
    [Description("Copies messages into another folder; the originals stay." + Plans)]
    public async Task<CallToolResult> CopyAsync(
        [Description("The destination folder, as list_folders names it.")] string destination,
        [Description(WriteSupport.KeysParameter)] string[]? keys = null,
        [Description(WriteSupport.QueryParameter)] string? query = null,
        [Description(WriteSupport.DryRunParameter)] bool dryRun = true,
        [Description(WriteSupport.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default)
    {
        var folder = await registry.Get(account).ResolveFolderAsync(destination ?? "", cancellationToken).ConfigureAwait(false);
        return await RunAsync(MessageAction.CopyTo(folder), keys, query, dryRun, account, cancellationToken).ConfigureAwait(false);
    }

    [McpServerTool(Name = "archive", Title = "Archive messages", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(Results.MessageActionOutput))]
    [Description("Moves messages to the account's archive folder." + Plans)]
    public Task<CallToolResult> ArchiveAsync(
        [Description(WriteSupport.KeysParameter)] string[]? keys = null,
        [Description(WriteSupport.QueryParameter)] string? query = null,
        [Description(WriteSupport.DryRunParameter)] bool dryRun = true,
        [Description(WriteSupport.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(MessageAction.Archive, keys, query, dryRun, account, cancellationToken);

    [McpServerTool(Name = "delete", Title = "Delete messages", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(Results.MessageActionOutput))]
    [Description("Moves messages to the trash (undo brings them back). With permanent true they are expunged for good, which cannot be undone: only when the user asked for exactly that." + Plans)]
    public Task<CallToolResult> DeleteAsync(
        [Description(WriteSupport.KeysParameter)] string[]? keys = null,
        [Description(WriteSupport.QueryParameter)] string? query = null,
        [Description("false (default): move to the trash. true: expunge for good (cannot be undone).")] bool permanent = false,
        [Description(WriteSupport.DryRunParameter)] bool dryRun = true,
        [Description(WriteSupport.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(MessageAction.Delete(permanent), keys, query, dryRun, account, cancellationToken);

    private Task<CallToolResult> RunAsync(MessageAction action, string[]? keys, string? query, bool dryRun, string? account, CancellationToken cancellationToken) =>
        WriteSupport.GuardAsync(async () =>
        {
            var a = registry.Get(account);
            var hasKeys = keys is { Length: > 0 };
            var hasQuery = !string.IsNullOrWhiteSpace(query);
            if (hasKeys == hasQuery)
                throw new McpException("Give either keys (a list of Folder:Uid) or query (a search query), not both and not neither. Nothing was changed.");
            if (hasQuery)
            {
                ReadTools.Validate(query!);
                if (!dryRun)
                    throw new McpException("An action over a query always starts with a dry run: call again with dryRun true (the default), check the count and sample with the user, then call apply_plan with its planId. Nothing was changed.");
                var plan = await a.Account.Actions.PlanAsync(action, query!, cancellationToken).ConfigureAwait(false);
                return WriteSupport.Plan(a, plan);
            }

            var parsed = await WriteSupport.KeysAsync(a, keys, cancellationToken).ConfigureAwait(false);
            if (dryRun)
                return WriteSupport.Plan(a, await a.Account.Actions.PlanAsync(action, parsed, cancellationToken).ConfigureAwait(false));
            var result = await a.Account.Actions.RunAsync(action, parsed, null, cancellationToken).ConfigureAwait(false);
            a.InvalidateFolders();
            return WriteSupport.Result(a, result, wrapped: true);
        });
}
