using ImapMcp.Actions.Bench;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

if (args.Contains("--help"))
{
    Console.WriteLine(ActionsBenchmark.Usage);
    return 0;
}

var messages = ActionsBenchmark.IntOption(args, "--messages", 3_000);
var rounds = ActionsBenchmark.IntOption(args, "--rounds", 3);
var mailbox = ActionsBenchmark.IntOption(args, "--mailbox", 10_000);
if (messages < 1 || rounds < 1 || mailbox < messages)
{
    await Console.Error.WriteLineAsync(ActionsBenchmark.Usage);
    return 2;
}

await ActionsBenchmark.RunAsync(messages, rounds, mailbox, cancel.Token);
return 0;
