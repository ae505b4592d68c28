using ImapMcp.Mcp;

namespace ImapMcp.Cli;

internal sealed partial class CliApp
{
    private async Task<int> ServeAsync(CliArguments cli, CancellationToken cancellationToken)
    {
        var options = ServeOptions.Parse(cli, ConfigPath(cli));
        cli.RejectUnknown();
        return await McpServerHost.RunAsync(options, _error, _secrets(), _time, cancellationToken).ConfigureAwait(false);
    }
}
