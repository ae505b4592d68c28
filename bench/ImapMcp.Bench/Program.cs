using ImapMcp.Bench;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

if (args.Length > 0 && args[0] == EngineChild.Verb)
    return await EngineChild.RunAsync(args[1..], cancel.Token);

if (BenchOptions.TryParse(args, out var options, out var problem) is false)
{
    await Console.Error.WriteLineAsync(problem);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

return await Benchmark.RunAsync(options, cancel.Token);
