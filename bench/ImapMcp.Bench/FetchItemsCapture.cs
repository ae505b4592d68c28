using System.Text;
using System.Text.RegularExpressions;
using ImapMcp.Mail.Cache;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Sync;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;

namespace ImapMcp.Bench;

/// <summary>
/// Learns the exact FETCH items the engine's header sync asks for, by running the engine's own synchronizer over one
/// small folder with a protocol logger, so the raw baseline fetches the same items even if the engine changes them.
/// </summary>
internal static partial class FetchItemsCapture
{
    public static async Task<string> CaptureAsync(AccountSettings settings, string password, string folder, CancellationToken cancellationToken)
    {
        var log = new MemoryStream();
        var cache = await MailCache.OpenAsync(settings.CachePath, cancellationToken);
        var synchronizer = new MailSynchronizer(settings, cache, async ct =>
        {
            var client = new ImapClient(new ProtocolLogger(log, leaveOpen: true));
            await client.ConnectAsync(settings.Host, settings.Port, SecureSocketOptions.None, ct);
            await client.AuthenticateAsync(settings.UserName, password, ct);
            return client;
        });
        await synchronizer.SyncAsync(new SyncOptions { Bodies = false, Folders = [folder] }, cancellationToken: cancellationToken);
        var text = Encoding.UTF8.GetString(log.ToArray());
        foreach (var line in text.Split('\n'))
        {
            var m = FetchCommand().Match(line.TrimEnd('\r'));
            if (m.Success && m.Groups[1].Value.Contains("HEADER.FIELDS", StringComparison.Ordinal))
                return m.Groups[1].Value;
        }

        throw new InvalidOperationException($"The engine sent no header UID FETCH (BODY.PEEK[HEADER.FIELDS ...]) while syncing '{folder}'. Protocol log:\n{text}");
    }

    /// <summary>The same items as a MailKit request, so MailKit's own fetch of them can be timed.</summary>
    public static FetchRequest ToRequest(string items)
    {
        var summary = MessageSummaryItems.None;
        foreach (var (atom, item) in new[]
        {
            ("UID", MessageSummaryItems.UniqueId), ("FLAGS", MessageSummaryItems.Flags), ("INTERNALDATE", MessageSummaryItems.InternalDate),
            ("RFC822.SIZE", MessageSummaryItems.Size), ("ENVELOPE", MessageSummaryItems.Envelope), ("BODYSTRUCTURE", MessageSummaryItems.BodyStructure),
            ("MODSEQ", MessageSummaryItems.ModSeq),
        })
        {
            if (Regex.IsMatch(items, @"[ (]" + Regex.Escape(atom) + @"[ )]"))
                summary |= item;
        }

        var fields = HeaderFields().Match(items) is { Success: true } f ? f.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList() : [];
        if (fields.Remove("REFERENCES"))
            summary |= MessageSummaryItems.References;
        return fields.Count > 0 ? new FetchRequest(summary, fields) : new FetchRequest(summary);
    }

    [GeneratedRegex(@"HEADER\.FIELDS \(([^)]*)\)")]
    private static partial Regex HeaderFields();

    [GeneratedRegex(@"^C: \S+ UID FETCH \S+ (\(.+\))\s*$")]
    private static partial Regex FetchCommand();
}
