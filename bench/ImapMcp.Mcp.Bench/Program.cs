using ImapMcp.Mcp.Bench;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

if (!McpBenchOptions.TryParse(args, out var options, out var problem))
{
    await Console.Error.WriteLineAsync(problem);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(McpBenchOptions.Usage);
    return 0;
}

return await McpBenchmark.RunAsync(options, cancel.Token);
