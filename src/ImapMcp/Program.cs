using ImapMcp.Cli;
using ImapMcp.Mail.Secrets;

// The imap-mcp entry point: the MCP server (no verb, or "serve") and the CLI verbs.
// An MCP client starting "imap-mcp" with no arguments talks over stdin: serve rather than print help.
if (args.Length == 0 && Console.IsInputRedirected)
    args = ["serve"];

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
