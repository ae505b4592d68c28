using System.Text;
using JanusFleet.Janus;
using JanusFleet.Janus.Bench;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var log = Console.Error;
var output = options.OutputPath ?? Path.Combine(RepositoryRoot(), "artifacts", "bench", "janus-client.md");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
var command = "dotnet run --project bench/JanusFleet.Janus.Bench -c Release --no-build" + (args.Length > 0 ? " -- " + string.Join(' ', args) : string.Empty);
var markdown = new StringBuilder(Report.Header(command, "1.1.2", ProcessSnapshot.LoadAverage()));

void Publish(string section)
{
    markdown.AppendLine().Append(section);
    File.WriteAllText(output, markdown.ToString());
    Console.WriteLine();
    Console.WriteLine(section);
}

try
{
    if (options.RunClientWork)
    {
        var transcript = Path.Combine(RepositoryRoot(), "tests", "JanusFleet.Janus.Tests", "Transcripts", "core-lifecycle.txt");
        var serverInfo = File.ReadLines(transcript).First(l => l.Contains("\"server_info\"", StringComparison.Ordinal)).TrimStart('<', ' ');
        Publish(await new ClientWork(options, log, serverInfo).RunAsync(stop.Token));
    }

    if (options.RunInfoBreakdown)
    {
        Publish(await new InfoBreakdown(options, log).RunAsync(stop.Token));
    }

    if (options.RunLatency)
    {
        var latency = await new LatencyBenchmark(options, log).RunAsync(stop.Token);
        Publish(Report.Latency(latency, options));
    }

    if (options.RunSessions)
    {
        var held = new List<SessionHoldResult>();
        foreach (var kind in options.Transports.OrderByDescending(k => k == JanusTransportKind.WebSocket))
        {
            held.Add(await new SessionHoldBenchmark(options, log).RunAsync(kind, null, stop.Token));
            if (kind == JanusTransportKind.Http && options.HttpMaxConnections is { } cap)
            {
                held.Add(await new SessionHoldBenchmark(options, log).RunAsync(kind, cap, stop.Token));
            }
        }

        Publish(Report.Sessions(held));
    }
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    log.WriteLine("Cancelled.");
    return 130;
}

log.WriteLine($"Wrote {output}");
return 0;

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Products.slnx")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
