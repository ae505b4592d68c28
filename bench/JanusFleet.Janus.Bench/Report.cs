using System.Globalization;
using System.Text;

namespace JanusFleet.Janus.Bench;

/// <summary>Renders results as Markdown tables (printed to the console and written as a fragment for docs/benchmarks.md).</summary>
internal static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Header(string command, string janusVersion, string loadBefore)
    {
        var b = new StringBuilder();
        b.Append(Inv, $"Command: `{command}` (what `./run bench Janus` runs) — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, Janus {janusVersion}, .NET {Environment.Version}, ")
            .AppendLine(Inv, $"{Environment.ProcessorCount} cores, 1-min load average {loadBefore} at start (the machine is shared with other builds).");
        return b.ToString();
    }

    public static string Latency(IReadOnlyList<LatencyResult> results, BenchOptions options)
    {
        var b = new StringBuilder();
        b.Append(Inv, $"Request latency, client vs bare transport, same Janus, same JSON ({options.SequentialPerSide} sequential / {options.ConcurrentPerSide} concurrent requests per side ")
            .Append(Inv, $"after {options.Warmup} warmup requests, in alternating blocks of {BenchOptions.SequentialBlock} / {BenchOptions.ConcurrentBlockPerWorker}×in-flight requests; ")
            .Append(options.BareLongPoll ? "the bare HTTP baseline keeps a long-poll pending like the client; " : string.Empty)
            .AppendLine(Inv, $"p50/p99 over all samples, p50 overhead = client ÷ bare − 1; req/s = median over {options.Rounds} rounds; req/s overhead = median over rounds of bare ÷ client − 1; CPU = this process's CPU time per request):");
        b.AppendLine();
        b.AppendLine("| request | transport | in flight | bare p50 / p99 ms | client p50 / p99 ms | p50 overhead | bare req/s | client req/s | req/s overhead | bare / client CPU µs/req |");
        b.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            b.Append(Inv, $"| {r.Operation} | {LatencyBenchmark.Transport(r.Transport)} | {r.Concurrency} | {r.Bare.P50Ms:0.000} / {r.Bare.P99Ms:0.00} | {r.Client.P50Ms:0.000} / {r.Client.P99Ms:0.00} | ")
                .AppendLine(Inv, $"{Pct(r.P50Overhead)} | {r.Bare.RequestsPerSecond:0} | {r.Client.RequestsPerSecond:0} | {Pct(r.ThroughputOverhead)} | {r.Bare.CpuMicrosPerRequest:0} / {r.Client.CpuMicrosPerRequest:0} |");
        }

        return b.ToString();
    }

    public static string Sessions(IReadOnlyList<SessionHoldResult> results)
    {
        var b = new StringBuilder();
        b.AppendLine("Sessions held on one Janus with only the client's own keepalives (CPU as % of one core over the hold; memory is RSS unless said):");
        b.AppendLine();
        b.Append("| |");
        foreach (var r in results)
        {
            b.Append(Inv, $" {LatencyBenchmark.Transport(r.Transport)}{(r.Transport == JanusTransportKind.Http ? " (" + r.Variant + ")" : string.Empty)} |");
        }

        b.AppendLine().Append("|---|").AppendLine(string.Concat(results.Select(_ => "--:|")));
        void Row(string name, Func<SessionHoldResult, string> value)
        {
            b.Append(Inv, $"| {name} |");
            foreach (var r in results)
            {
                b.Append(Inv, $" {value(r)} |");
            }

            b.AppendLine();
        }

        Row("sessions created / asked", r => string.Create(Inv, $"{r.Created} / {r.Requested}{(r.CreateFailures > 0 ? $" ({r.CreateFailures} failed)" : string.Empty)} in {r.CreateTime.TotalSeconds:0.0} s"));
        Row("hold; session_timeout; keepalive every", r => string.Create(Inv, $"{r.Hold.TotalSeconds:0} s; {r.SessionTimeout} s; {r.KeepaliveInterval.TotalSeconds:0.#} s"));
        Row("**lost**", r => r.Lost == 0 ? "**0**" : string.Create(Inv, $"**{r.Lost}**"));
        Row("… ended on the client / not in list_sessions / timed out by Janus / final keepalive failed", r => string.Create(Inv, $"{r.LostDuringHold} / {r.Created - r.ListedAtEnd} / {r.JanusTimeouts} / {r.FinalKeepaliveFailures}"));
        Row("canary (no keepalives) timed out", r => r.CanaryTimedOut ? "yes" : "NO");
        Row("failed HTTP requests (client side)", r => r.Transport == JanusTransportKind.WebSocket ? "n/a" : r.HttpFailures.ToString(Inv));
        Row("POSTs slower than 1 s (slowest)", r => r.Transport == JanusTransportKind.WebSocket ? "n/a" : string.Create(Inv, $"{r.SlowPosts} ({r.SlowestPost.TotalSeconds:0.0} s)"));
        Row("Janus HTTP accept queue peak", r => r.AcceptQueuePeak.ToString(Inv));
        Row("final keepalive p50 / p99", r => string.Create(Inv, $"{r.FinalKeepaliveP50Ms:0.0} / {r.FinalKeepaliveP99Ms:0.0} ms"));
        Row("client CPU", r => string.Create(Inv, $"{r.ClientCpu.TotalSeconds:0.0} s ({r.ClientCpuPercentOfCore:0.0} %)"));
        Row("client RSS before → peak", r => $"{Mib(r.ClientWorkingSetBefore)} → {Mib(r.ClientWorkingSetPeak)}");
        Row("client managed heap before → after (full GC)", r => $"{Mib(r.ClientManagedBefore)} → {Mib(r.ClientManagedAfterGc)}");
        Row("client threads peak", r => r.ClientThreadsPeak.ToString(Inv));
        Row("Janus CPU", r => string.Create(Inv, $"{r.JanusCpu.TotalSeconds:0.0} s ({r.JanusCpuPercentOfCore:0.0} %)"));
        Row("Janus RSS before → peak", r => $"{Mib(r.JanusRssBefore)} → {Mib(r.JanusRssPeak)}");
        Row("Janus threads before → peak", r => string.Create(Inv, $"{r.JanusThreadsBefore} → {r.JanusThreadsPeak}"));
        Row("Janus open fds peak", r => r.JanusFilesPeak.ToString(Inv));
        Row("load average before → after", r => $"{r.LoadBefore} → {r.LoadAfter}");

        foreach (var r in results.Where(r => r.FirstCreateError is not null))
        {
            b.AppendLine();
            b.AppendLine(Inv, $"{LatencyBenchmark.Transport(r.Transport)} ({r.Variant}): first session-create error: {r.FirstCreateError}");
        }

        foreach (var r in results.Where(r => r.FirstHttpFailure is not null))
        {
            b.AppendLine();
            b.AppendLine(Inv, $"{LatencyBenchmark.Transport(r.Transport)} ({r.Variant}): first failed HTTP request: {r.FirstHttpFailure}");
        }

        return b.ToString();
    }

    private static string Pct(double ratio) => ratio.ToString("+0.0%;-0.0%;0.0%", Inv);

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.0", Inv) + " MiB";
}
