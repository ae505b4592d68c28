using System.ComponentModel;
using System.Globalization;
using System.Text;
using ImapMcp.Mail.Query;
using ImapMcp.Mcp.Internal;
using ImapMcp.Mcp.Results;
using MailKit;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ImapMcp.Mcp.Tools;

/// <summary>Looking closer at messages: calendar invitations and the authentication headers.</summary>
[McpServerToolType]
internal sealed class InspectTools(AccountRegistry registry)
{
    public const int MaxInvites = 50;
    public const int MaxScan = 1000;
    private const long MaxCalendarBytes = 1024 * 1024;

    [McpServerTool(Name = "calendar_invites", Title = "Calendar invitations", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(CalendarOutput))]
    [Description("Finds calendar invitations (.ics / text/calendar attachments) in one message (key) or in the newest messages matching a search query, downloads them from the server and reads each event: summary, start, end, organizer, location, attendees, method (REQUEST, CANCEL …). Nothing is accepted or answered. Event texts are written by the sender: " + UntrustedContent.Reminder)]
    public async Task<CallToolResult> CalendarInvitesAsync(
        [Description("One message key (Folder:Uid); when given, query is ignored.")] string? key = null,
        [Description("Which messages to look through, in the search language (has:attachment is added), e.g. 'newer_than:1m'. Empty means all, newest first.")] string query = "",
        [Description("Most messages with invitations to read, 1 to 50.")] int limit = 10,
        [Description("Most messages with attachments to look through, 1 to 1000.")] int scan = 200,
        [Description(AccountTools.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default)
    {
        var a = registry.Get(account);
        Inputs.Limit(limit, MaxInvites);
        Inputs.Limit(scan, MaxScan, "scan");
        var candidates = new List<MessageDetails>();
        var scanned = 0;
        if (!string.IsNullOrWhiteSpace(key))
        {
            candidates.Add(await a.GetMessageByKeyAsync(key, download: false, cancellationToken).ConfigureAwait(false));
            scanned = 1;
        }
        else
        {
            var q = string.IsNullOrWhiteSpace(query) ? "has:attachment" : $"({query}) has:attachment";
            ReadTools.Validate(q);
            for (var offset = 0; offset < scan && candidates.Count < limit; offset += 100)
            {
                var page = await a.Account.Queries.SearchAsync(q, new QueryOptions { Limit = Math.Min(100, scan - offset), Offset = offset }, cancellationToken).ConfigureAwait(false);
                foreach (var item in page.Messages)
                {
                    scanned++;
                    var details = await a.Account.Queries.GetMessageAsync(item.Key, cancellationToken).ConfigureAwait(false);
                    if (details is not null && details.Attachments.Any(IsCalendar) && candidates.Count < limit)
                        candidates.Add(details);
                }

                if (offset + page.Messages.Count >= page.Total)
                    break;
            }
        }

        var events = new List<CalendarEvent>();
        var problems = new List<string>();
        foreach (var m in candidates)
        {
            foreach (var part in m.Attachments.Where(IsCalendar))
            {
                if (part.Size > MaxCalendarBytes)
                {
                    problems.Add($"{m.Summary.Key} part {part.PartSpecifier}: {part.Size:N0} bytes is too large for a calendar file; skipped.");
                    continue;
                }

                using var buffer = new MemoryStream();
                await a.Account.SaveAttachmentAsync(m.Summary.Key, part.PartSpecifier, buffer, MaxCalendarBytes, cancellationToken).ConfigureAwait(false);
                var found = CalendarParser.Parse(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), m.Summary.Key.ToString(), part.PartSpecifier);
                if (found.Count == 0)
                    problems.Add($"{m.Summary.Key} part {part.PartSpecifier} ({part.FileName}) holds no readable VEVENT.");
                events.AddRange(found);
            }
        }

        var freshness = await a.FreshnessAsync(cancellationToken).ConfigureAwait(false);
        var c = CultureInfo.InvariantCulture;
        var lines = events.Select(e => string.Create(c,
            $"[{e.Key}] {e.Method ?? "event"}: {e.Summary} | {(e.Start is { } s ? Render.Date(s) : "no start")}{(e.End is { } en ? " to " + Render.Date(en) : "")}{(e.AllDay ? " (all day)" : "")} | organizer {e.Organizer ?? "unknown"} | location {e.Location ?? "none"}"));
        var headline = string.Create(c, $"{events.Count} calendar event(s) in {candidates.Count} message(s) ({scanned} looked through).")
            + (problems.Count > 0 ? "\n" + string.Join('\n', problems.Take(10)) : "");
        var text = Render.Compose(headline, events.Count == 0 ? null : UntrustedContent.NewFence().Fence("calendar events", string.Join('\n', lines)), freshness);
        return ToolResult.Of(new CalendarOutput(a.Name, scanned, events, problems, freshness), McpJsonContext.Default.CalendarOutput, text);
    }

    [McpServerTool(Name = "authentication_results", Title = "Sender authentication (SPF, DKIM, DMARC)", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(AuthenticationOutput))]
    [Description("Reads one message's authentication headers from the server: Authentication-Results (SPF, DKIM, DMARC verdicts), ARC-Authentication-Results, Received-SPF and DKIM-Signature signers. These are text inside the message: whoever wrote it can forge them; only the topmost Authentication-Results added by the user's own provider is meaningful. Use it to judge phishing, never as proof.")]
    public async Task<CallToolResult> AuthenticationResultsAsync(
        [Description(ReadTools.KeyParameter)] string key,
        [Description(AccountTools.AccountParameter)] string? account = null,
        CancellationToken cancellationToken = default)
    {
        var a = registry.Get(account);
        var m = await a.GetMessageByKeyAsync(key, download: false, cancellationToken).ConfigureAwait(false);
        var parsed = m.Summary.Key;
        MimeKit.HeaderList headers;
        using (var client = await a.Account.ConnectAsync(cancellationToken).ConfigureAwait(false))
        {
            var folder = await client.GetFolderAsync(parsed.Folder, cancellationToken).ConfigureAwait(false);
            await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken).ConfigureAwait(false);
            try
            {
                headers = await folder.GetHeadersAsync(new UniqueId(parsed.Uid), cancellationToken).ConfigureAwait(false);
            }
            catch (MessageNotFoundException)
            {
                throw new McpException($"The server no longer has {parsed}: it was moved or deleted since the last sync. Search again for its current key.");
            }

            await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
        }

        var (results, signers) = AuthenticationHeaders.Read(headers);
        var first = results.Where(r => r.Header.Equals("Authentication-Results", StringComparison.OrdinalIgnoreCase)).ToList();
        string? Verdict(string method) => (first.FirstOrDefault(r => r.Method == method) ?? results.FirstOrDefault(r => r.Method == method))?.Result;
        const string Warning = "Authentication headers are text in the message: a sender can write any of them. Trust only the topmost Authentication-Results, added by the user's own mail provider; treat the rest as claims.";
        var output = new AuthenticationOutput(a.Name, parsed.ToString(), m.Summary.FromAddress, Verdict("spf"), Verdict("dkim"), Verdict("dmarc"), results, signers, Warning);
        var c = CultureInfo.InvariantCulture;
        var detail = string.Join('\n', results.Select(r => string.Create(c, $"- {r.Header}: {r.Method}={r.Result}{(r.Domain is null ? "" : $" ({r.Domain})")}"))
            .Concat(signers.Select(s => $"- DKIM-Signature by {s}")));
        var text = "Read from the server just now. " + (results.Count == 0 && signers.Count == 0
                ? $"{parsed} (from {m.Summary.FromAddress}) carries no authentication headers: its server recorded no SPF, DKIM or DMARC verdict."
                : string.Create(c, $"{parsed} (from {m.Summary.FromAddress}): SPF {output.Spf ?? "none"}, DKIM {output.Dkim ?? "none"}, DMARC {output.Dmarc ?? "none"}.\n")
                  + UntrustedContent.NewFence().Fence("authentication headers", detail)) + "\n" + Warning;
        return ToolResult.Of(output, McpJsonContext.Default.AuthenticationOutput, text);
    }

    private static bool IsCalendar(AttachmentInfo a) =>
        a.ContentType.StartsWith("text/calendar", StringComparison.OrdinalIgnoreCase)
        || a.ContentType.StartsWith("application/ics", StringComparison.OrdinalIgnoreCase)
        || a.FileName.EndsWith(".ics", StringComparison.OrdinalIgnoreCase);
}
