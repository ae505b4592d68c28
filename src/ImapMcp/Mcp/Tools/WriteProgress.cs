using System.Globalization;
using ImapMcp.Mail.Actions;
using ModelContextProtocol;

namespace ImapMcp.Mcp.Tools;

/// <summary>Turns an applied plan's batch progress into MCP progress notifications.</summary>
internal sealed class WriteProgress(IProgress<ProgressNotificationValue> target, string verb) : IProgress<ActionProgress>
{
    public void Report(ActionProgress value) => target.Report(new ProgressNotificationValue
    {
        Progress = value.Done,
        Total = value.Total,
        Message = string.Create(CultureInfo.InvariantCulture, $"{verb} {value.Done:N0} of {value.Total:N0}{(value.Folder is null ? "" : $" ({value.Folder})")}"),
    });
}
