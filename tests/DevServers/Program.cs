using DevServers;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(DemoOptions.Usage);
    return args.Length == 0 ? 2 : 0;
}

if (args[0] != "demo")
{
    Console.Error.WriteLine($"error: unknown command '{args[0]}'.\n{DemoOptions.Usage}");
    return 2;
}

DemoOptions options;
try
{
    options = DemoOptions.Parse(args[1..]);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM,
    ctx =>
    {
        ctx.Cancel = true;
        stop.Cancel();
    });

try
{
    await using var demo = new Demo(options, Console.Out);
    await demo.StartAsync(stop.Token);
    if (!options.Once)
    {
        Console.WriteLine("Running. Press Ctrl-C to stop everything.");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    Console.WriteLine("Stopping…");
    return 0;
}
catch (TestHarness.HarnessException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("Interrupted while starting; everything started so far was stopped.");
    return 130;
}
