using System.Globalization;
using System.Text;
using ImapMcp.Mcp.Results;

namespace ImapMcp.Mcp.Internal;

/// <summary>The readable text of tool answers: a headline, lines of messages (fenced as untrusted), and the freshness.</summary>
internal static class Render
{
    public static string Date(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Line(MessageSummary m)
    {
        var flags = (m.Read ? "" : "unread ") + (m.Flagged ? "flagged " : "") + (m.Answered ? "answered " : "") + (m.HasAttachments ? "attachments " : "") + (m.Automated ? m.Category : "person");
        var from = string.IsNullOrEmpty(m.FromName) ? m.FromAddress : $"{m.FromName} <{m.FromAddress}>";
        return $"[{m.Key}] {Date(m.Date)} | {from} | {m.Subject} | {flags.Trim()}";
    }

    /// <summary>The messages, one per line, inside an untrusted fence (subjects and names are the senders' words).</summary>
    public static string Messages(IReadOnlyList<MessageSummary> messages, UntrustedContent fence) =>
        messages.Count == 0 ? "" : fence.Fence("message list: senders' names and subjects", string.Join('\n', messages.Select(Line)));

    public static string Compose(string headline, string? body, Freshness freshness)
    {
        var b = new StringBuilder(headline);
        if (!string.IsNullOrEmpty(body))
            b.Append('\n').Append(body);
        b.Append('\n').Append(freshness.Summary);
        return b.ToString();
    }

    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
