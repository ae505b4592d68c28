using System.Globalization;
using ImapMcp.Mail.Actions;
using ImapMcp.Mail.Query;
using ImapMcp.Mcp.Internal;
using ImapMcp.Mcp.Results;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace ImapMcp.Mcp.Tools;

/// <summary>What the write tools share: engine errors as McpException, key lists, the shapes of plans, results and journal entries.</summary>
internal static class WriteSupport
{
    public const string KeysParameter = "Message keys Folder:Uid exactly as search returns them (1 to 1000). Give either keys or query.";
    public const string QueryParameter = "A search query (the search tool's language) selecting the messages; a query always needs a dry run first. Give either keys or query.";
    public const string DryRunParameter = "true (default): change nothing, return the exact count, a sample and a planId for apply_plan. false: act now (keys only).";
    public const string AccountParameter = AccountTools.AccountParameter;

    /// <summary>Runs a write; the engine's refusals become McpException messages a model can act on (nothing was changed).</summary>
    public static async Task<CallToolResult> GuardAsync(Func<Task<CallToolResult>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (ActionException e)
        {
            throw new McpException(e.Message);
        }
        catch (Mail.Sync.MailConnectionException e)
        {
            throw new McpException($"{e.Message} Nothing more was changed; account_status shows the connection's state.");
        }
        catch (QueryParseException e)
        {
            throw new McpException($"The query is malformed: {e.Message}. Fix that part and try again; nothing was changed.");
        }
    }

    public static async Task<List<MessageKey>> KeysAsync(ServedAccount account, string[]? keys, CancellationToken cancellationToken)
    {
        if (keys is null || keys.Length == 0)
            return [];
        if (keys.Length > MailActions.MaxKeys)
            throw new McpException($"At most {MailActions.MaxKeys} keys per call (got {keys.Length}); for more, select the messages with a query.");
        var list = new List<MessageKey>(keys.Length);
        foreach (var k in keys)
            list.Add(await account.ParseKeyAsync(k, cancellationToken).ConfigureAwait(false));
        return list;
    }

    public static CallToolResult Plan(ServedAccount account, ActionPlan plan)
    {
        var sample = plan.Sample.Select(MessageSummary.Of).ToList();
        var output = new PlanOutput(account.Name, plan.Id, Name(plan.Action.Kind), plan.Action.Destination, plan.Action.Permanent, plan.Query, plan.Count, plan.AlreadyDone,
            plan.CountByFolder, sample, plan.Undoable, plan.ExpiresAt, plan.Summary);
        var headline = plan.Count == 0
            ? $"Dry run: nothing to do. {plan.Summary}"
            : $"Dry run (nothing changed yet): {plan.Summary}\nTo carry it out, call apply_plan with planId \"{plan.Id}\" before {Render.Date(plan.ExpiresAt)}."
              + string.Create(CultureInfo.InvariantCulture, $" Sample of {sample.Count}:");
        return ToolResult.Of(new MessageActionOutput(account.Name, output, null), WriteJsonContext.Default.MessageActionOutput, headline + (sample.Count > 0 ? "\n" + Render.Messages(sample, UntrustedContent.NewFence()) : ""));
    }

    public static CallToolResult Result(ServedAccount account, ActionResult result, bool wrapped = false)
    {
        var output = new ActionOutput(account.Name, result.JournalId, result.PlanId, Name(result.Action.Kind), result.Planned, result.Done, result.Missing, result.Completed, result.Undoable, result.Summary);
        var text = result.Summary + $" Journal entry {result.JournalId}." + (result.Undoable ? $" To reverse it, call undo{(result.PlanId is null ? "" : $" with planId \"{result.PlanId}\"")}." : "");
        return wrapped
            ? ToolResult.Of(new MessageActionOutput(account.Name, null, output), WriteJsonContext.Default.MessageActionOutput, text)
            : ToolResult.Of(output, WriteJsonContext.Default.ActionOutput, text);
    }

    public static CallToolResult Folder(ServedAccount account, JournalEntry entry)
    {
        var output = new FolderChangeOutput(account.Name, entry.Id, Name(entry.Action), entry.Folder ?? "", entry.Destination, entry.Undoable, entry.Summary);
        return ToolResult.Of(output, WriteJsonContext.Default.FolderChangeOutput, entry.Summary + $". Journal entry {entry.Id}." + (entry.Undoable ? " undo reverses it." : " It cannot be undone."));
    }

    public static JournalEntryInfo Entry(JournalEntry e, bool items) => new(
        e.Id, e.Time, Name(e.Action), e.Folder, e.Destination, e.Permanent, e.Query, e.PlanId, e.Planned, e.Done, e.Missing, e.State, e.Undoable && e.UndoneBy is null, e.UndoneBy, e.UndoOf, e.Summary,
        items ? e.Items.Take(1000).Select(i => new JournalItemInfo(
            new MessageKey(i.Folder, i.Uid).ToString(), i.MessageId, i.FlagsBefore, i.FlagsAfter,
            i.ToFolder is { } f && i.ToUid is { } u ? new MessageKey(f, u).ToString() : null)).ToList() : null);

    /// <summary>The tool-style name of an action kind (mark_read, create_folder, …).</summary>
    public static string Name(ActionKind kind) => kind switch
    {
        ActionKind.MarkRead => "mark_read",
        ActionKind.MarkUnread => "mark_unread",
        ActionKind.CreateFolder => "create_folder",
        ActionKind.RenameFolder => "rename_folder",
        ActionKind.DeleteFolder => "delete_folder",
        ActionKind.CreateDraft => "create_draft",
        ActionKind.UpdateDraft => "update_draft",
        ActionKind.DeleteDraft => "delete_draft",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
