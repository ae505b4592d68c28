using System.ComponentModel;
using ImapMcp.Mail.Actions;
using ImapMcp.Mcp.Results;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ImapMcp.Mcp.Tools;

/// <summary>Drafts in the drafts folder, for the user to review and send from their own mail program. No tool sends mail.</summary>
[McpServerToolType]
internal sealed class WriteDraftTools(AccountRegistry registry)
{
    private const string NeverSends = " Nothing is sent: the draft waits in the drafts folder for the user to review and send from their mail program; no tool here can send mail.";

    [McpServerTool(Name = "create_draft", Title = "Create a draft", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(DraftOutput))]
    [Description("Writes a new plain-text draft from the account's owner to the drafts folder." + NeverSends)]
    public Task<CallToolResult> CreateDraftAsync(
        [Description("To recipients, each 'name@example.com' or 'Name <name@example.com>' (up to 100 with cc).")] string[] to,
        [Description("The subject (up to 998 characters).")] string subject,
        [Description("The plain-text body (up to 200,000 characters).")] string body,
        [Description("Cc recipients.")] string[]? cc = null,
        [Description(WriteSupport.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default) =>
        WriteSupport.GuardAsync(async () =>
        {
            var a = registry.Get(account);
            var draft = await a.Account.Actions.CreateDraftAsync(new DraftContent { To = to ?? [], Cc = cc ?? [], Subject = subject ?? "", Body = body ?? "" }, cancellationToken).ConfigureAwait(false);
            return Result(a, draft, "Created a draft");
        });

    [McpServerTool(Name = "create_reply_draft", Title = "Draft a reply", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(DraftOutput))]
    [Description("Writes a reply draft to a message: To its Reply-To or sender, with replyAll the other recipients in Cc (never the owner), 'Re:' once, In-Reply-To and References for threading, and the original quoted below the body with an attribution line." + NeverSends)]
    public Task<CallToolResult> CreateReplyDraftAsync(
        [Description(ReadTools.KeyParameter)] string key,
        [Description("The reply text written above the quoted original.")] string body,
        [Description("Also reply to the other To/Cc recipients (default false).")] bool replyAll = false,
        [Description(WriteSupport.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default) =>
        WriteSupport.GuardAsync(async () =>
        {
            var a = registry.Get(account);
            var parsed = await a.ParseKeyAsync(key, cancellationToken).ConfigureAwait(false);
            var draft = await a.Account.Actions.CreateReplyDraftAsync(parsed, body ?? "", replyAll, cancellationToken).ConfigureAwait(false);
            return Result(a, draft, $"Created a reply draft to {parsed}");
        });

    [McpServerTool(Name = "update_draft", Title = "Update a draft", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(DraftOutput))]
    [Description("Replaces a draft with a new version: fields left out keep their old values, threading headers stay. The new version is saved first, then the old one removed, so nothing is lost; the draft gets a new key. Cannot be undone." + NeverSends)]
    public Task<CallToolResult> UpdateDraftAsync(
        [Description("The draft's key (Drafts:Uid).")] string key,
        [Description("New To recipients.")] string[]? to = null,
        [Description("New Cc recipients.")] string[]? cc = null,
        [Description("New subject.")] string? subject = null,
        [Description("New plain-text body.")] string? body = null,
        [Description(WriteSupport.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default) =>
        WriteSupport.GuardAsync(async () =>
        {
            var a = registry.Get(account);
            var parsed = await a.ParseKeyAsync(key, cancellationToken).ConfigureAwait(false);
            var draft = await a.Account.Actions.UpdateDraftAsync(parsed, new DraftContent { To = to, Cc = cc, Subject = subject, Body = body }, cancellationToken).ConfigureAwait(false);
            return Result(a, draft, $"Updated draft {parsed}");
        });

    [McpServerTool(Name = "delete_draft", Title = "Delete a draft", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ActionOutput))]
    [Description("Moves a draft to the trash; undo brings it back.")]
    public Task<CallToolResult> DeleteDraftAsync(
        [Description("The draft's key (Drafts:Uid).")] string key,
        [Description(WriteSupport.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default) =>
        WriteSupport.GuardAsync(async () =>
        {
            var a = registry.Get(account);
            var parsed = await a.ParseKeyAsync(key, cancellationToken).ConfigureAwait(false);
            var result = await a.Account.Actions.DeleteDraftAsync(parsed, cancellationToken).ConfigureAwait(false);
            return WriteSupport.Result(a, result);
        });

    private static CallToolResult Result(ServedAccount account, DraftResult d, string what)
    {
        var output = new DraftOutput(account.Name, d.Key.ToString(), d.MessageId, d.From, d.To, d.Cc, d.Subject, d.InReplyTo, d.References, d.JournalId, false,
            $"{what}: {d.Key}. Nothing was sent.");
        var text = $"{what}: {d.Key} (journal entry {d.JournalId}). Nothing was sent; it waits in the drafts folder.\nFrom: {d.From}\nTo: {string.Join(", ", d.To)}"
            + (d.Cc.Count > 0 ? $"\nCc: {string.Join(", ", d.Cc)}" : "") + $"\nSubject: {d.Subject}" + (d.InReplyTo is null ? "" : $"\nIn-Reply-To: <{d.InReplyTo}>");
        return Internal.ToolResult.Of(output, WriteJsonContext.Default.DraftOutput, text);
    }
}
