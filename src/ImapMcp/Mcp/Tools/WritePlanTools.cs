using System.ComponentModel;
using System.Globalization;
using System.Text;
using ImapMcp.Mcp.Results;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ImapMcp.Mcp.Tools;

/// <summary>Carrying out plans, undoing changes, and the journal of every change.</summary>
[McpServerToolType]
internal sealed class WritePlanTools(AccountRegistry registry)
{
    public const int MaxJournalLimit = 200;

    [McpServerTool(Name = "apply_plan", Title = "Apply a plan", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ActionOutput))]
    [Description("Carries out a plan from a dry run (mark_read, flag, move, copy, archive, delete…) on exactly the messages it previewed, in batches, reporting progress. A plan applies once and expires after an hour; it is refused if a folder was recreated on the server since. Messages already gone are counted, not an error. Apply only what the user agreed to.")]
    public Task<CallToolResult> ApplyPlanAsync(
        IProgress<ProgressNotificationValue> progress,
        [Description("The planId a dry run returned, e.g. 'plan-3f2a9c01b7de'.")] string planId,
        [Description(WriteSupport.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default) =>
        WriteSupport.GuardAsync(async () =>
        {
            var a = registry.Get(account);
            if (string.IsNullOrWhiteSpace(planId))
                throw new McpException("planId is required: make a dry run first (e.g. move with dryRun true); it returns the planId.");
            var result = await a.Account.Actions.ApplyAsync(planId.Trim(), new WriteProgress(progress, "done"), cancellationToken: cancellationToken).ConfigureAwait(false);
            a.InvalidateFolders();
            return WriteSupport.Result(a, result);
        });

    [McpServerTool(Name = "undo", Title = "Undo a change", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ActionOutput))]
    [Description("Reverses a journaled change: the plan with planId, the journal entry with journalId, or (neither) the latest change not yet undone. Moves go back, flags are restored, copies and created drafts are removed, folder creates/renames/deletes are reversed. Permanent deletes cannot be undone. list_journal shows what can be undone.")]
    public Task<CallToolResult> UndoAsync(
        IProgress<ProgressNotificationValue> progress,
        [Description("The planId of an applied plan; empty with no journalId means the latest change.")] string? planId = null,
        [Description("A journal entry id from list_journal (instead of planId).")] long? journalId = null,
        [Description(WriteSupport.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default) =>
        WriteSupport.GuardAsync(async () =>
        {
            var a = registry.Get(account);
            if (!string.IsNullOrWhiteSpace(planId) && journalId is not null)
                throw new McpException("Give planId or journalId, not both. Nothing was changed.");
            var reporter = new WriteProgress(progress, "restored");
            var result = journalId is { } id
                ? await a.Account.Actions.UndoEntryAsync(id, reporter, cancellationToken).ConfigureAwait(false)
                : await a.Account.Actions.UndoAsync(string.IsNullOrWhiteSpace(planId) ? null : planId.Trim(), reporter, cancellationToken).ConfigureAwait(false);
            a.InvalidateFolders();
            return WriteSupport.Result(a, result);
        });

    [McpServerTool(Name = "list_journal", Title = "List the journal", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(JournalOutput))]
    [Description("Lists every change made through these tools, newest first: the action, its arguments, how many messages it planned and changed, whether it can still be undone. With journalId, one entry with each affected message (old key, Message-ID, flags before/after, new key).")]
    public Task<CallToolResult> ListJournalAsync(
        [Description("Entries per page, 1 to 200.")] int limit = 20,
        [Description("Entries to skip (paging).")] int offset = 0,
        [Description("Show this one entry with its messages.")] long? journalId = null,
        [Description(WriteSupport.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default) =>
        WriteSupport.GuardAsync(async () =>
        {
            var a = registry.Get(account);
            Internal.Inputs.Limit(limit, MaxJournalLimit);
            Internal.Inputs.Offset(offset);
            List<JournalEntryInfo> entries;
            int? next = null;
            if (journalId is { } id)
            {
                var entry = await a.Account.Actions.GetJournalEntryAsync(id, cancellationToken).ConfigureAwait(false)
                    ?? throw new McpException($"There is no journal entry {id}; call list_journal without journalId to see the entries.");
                entries = [WriteSupport.Entry(entry, items: true)];
            }
            else
            {
                var page = await a.Account.Actions.GetJournalAsync(limit + 1, offset, cancellationToken).ConfigureAwait(false);
                entries = page.Take(limit).Select(e => WriteSupport.Entry(e, items: false)).ToList();
                next = page.Count > limit ? offset + limit : null;
            }

            var text = new StringBuilder(entries.Count == 0 ? "The journal is empty: nothing was changed through these tools yet." : $"{entries.Count} journal entr{(entries.Count == 1 ? "y" : "ies")}, newest first:");
            foreach (var e in entries)
                text.Append('\n').Append(CultureInfo.InvariantCulture, $"- #{e.Id} {Internal.Render.Date(e.Time)} {e.Action} [{e.State.ToLowerInvariant()}]: {e.Summary}{(e.UndoneBy is { } by ? $" (undone by #{by})" : e.Undoable ? " (undoable)" : "")}");
            return Internal.ToolResult.Of(new JournalOutput(a.Name, entries, next), WriteJsonContext.Default.JournalOutput, text.ToString());
        });
}
