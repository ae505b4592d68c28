using ImapMcp.Cli;
using ImapMcp.Mail.Secrets;

// The imap-mcp entry point: CLI verbs now; the MCP server arrives with its issue.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var app = new CliApp(Console.Out, Console.Error, Console.In, SecretStores.ForThisSystem, TimeProvider.System, interactive: !Console.IsInputRedirected && !Console.IsErrorRedirected);
try
{
    return await app.RunAsync(args, cancel.Token).ConfigureAwait(false);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("imap-mcp: interrupted; the next run resumes where this one stopped.").ConfigureAwait(false);
    return 130;
}
