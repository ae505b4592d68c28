using System.Diagnostics;
using MailKit;
using TestHarness.Dovecot;

namespace ImapMcp.Bench;

/// <summary>
/// A second reference point between the raw floor and the engine: MailKit's own FetchAsync of the engine's header items
/// (as captured from its protocol log) in the engine's batch size, parsed into summaries and then dropped (no conversion, no SQLite). Engine minus this is
/// the engine's own cost; this minus raw is the client library's parsing.
/// </summary>
internal static class MailKitFetch
{
    public static async Task<(int Messages, TimeSpan Wall, TimeSpan Cpu)> RunAsync(DovecotServer dovecot, FetchRequest request, int batch, CancellationToken cancellationToken)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var client = await dovecot.ConnectAsync(cancellationToken: cancellationToken);
        var folders = await client.GetFoldersAsync(client.PersonalNamespaces[0], StatusItems.None, subscribedOnly: true, cancellationToken);
        var messages = 0;
        foreach (var folder in folders.Where(f => !f.Attributes.HasFlag(FolderAttributes.NoSelect) && !f.Attributes.HasFlag(FolderAttributes.NonExistent)).Prepend(client.Inbox).DistinctBy(f => f.FullName))
        {
            await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
            for (var start = 0; start < folder.Count; start += batch)
            {
                var summaries = await folder.FetchAsync(start, Math.Min(start + batch, folder.Count) - 1, request, cancellationToken);
                messages += summaries.Count;
            }

            await folder.CloseAsync(false, cancellationToken);
        }

        await client.DisconnectAsync(true, cancellationToken);
        return (messages, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }
}
