using System.Globalization;
using ImapMcp.Mail.Sync;
using ModelContextProtocol;

namespace ImapMcp.Mcp.Internal;

/// <summary>Turns the engine's sync progress into MCP progress notifications (percent over all folders), at most a few per second.</summary>
internal sealed class SyncProgressReporter(IProgress<ProgressNotificationValue> target) : IProgress<SyncProgress>
{
    private long _lastTicks;

    public void Report(SyncProgress value)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastTicks);
        if (value.Phase is not (SyncPhase.Done or SyncPhase.Connecting) && now - last < 250)
            return;
        Interlocked.Exchange(ref _lastTicks, now);
        var folders = Math.Max(1, value.FolderCount);
        var within = value.Total > 0 ? Math.Clamp((double)value.Done / value.Total, 0, 1) : 0;
        var percent = value.Phase == SyncPhase.Done ? 100 : Math.Clamp((value.FolderIndex + within) / folders * 100, 0, 99.9);
        target.Report(new ProgressNotificationValue
        {
            Progress = (float)Math.Round(percent, 1),
            Total = 100,
            Message = value.Phase == SyncPhase.Done ? "done" : string.Create(CultureInfo.InvariantCulture, $"{ServedAccountDescribe(value)}{(value.MessagesPerSecond > 0 ? $", {value.MessagesPerSecond:0} msg/s" : "")}"),
        });
    }

    private static string ServedAccountDescribe(SyncProgress p) => ServedAccount.Describe(p);
}
