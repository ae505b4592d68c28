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
        b.Append(Inv, $"Command: `{command}` — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, Janus {janusVersion}, .NET {Environment.Version}, ")
            .AppendLine(Inv, $"{Environment.ProcessorCount} cores, 1-min load average {loadBefore} at start (the machine is shared with other builds).");
        return b.ToString();
    }

    public static string Latency(IReadOnlyList<LatencyResult> results, BenchOptions options)
    {
        var b = new StringBuilder();
        b.Append(Inv, $"Request latency, client vs bare transport, same Janus, same JSON ({options.SequentialPerSide} sequential / {options.ConcurrentPerSide} concurrent requests per side ")
            .Append(Inv, $"after {options.Warmup} warmup requests, in alternating blocks of {BenchOptions.SequentialBlock} / {BenchOptions.ConcurrentBlockPerWorker}×in-flight requests; ")
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
        b.AppendLine("Sessions held on one Janus with only the client's own keepalives (CPU as % of one core over the hold; memory is RSS):");
        b.AppendLine();
        b.AppendLine("| transport | client HTTP handler | sessions (created/asked) | hold | session_timeout / keepalive | lost | canary timed out | final keepalive p50 / p99 ms | client CPU | client RSS before → peak | client managed heap after GC | client threads peak | Janus CPU | Janus RSS before → peak | Janus threads before → peak | Janus fds peak | load before → after |");
        b.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            var lostDetail = r.Lost == 0
                ? "0"
                : string.Create(Inv, $"{r.Lost} (ended {r.LostDuringHold}, unlisted {r.Created - r.ListedAtEnd}, Janus timeouts {r.JanusTimeouts}, keepalive failed {r.FinalKeepaliveFailures})");
            var created = r.CreateFailures > 0 ? $"{r.Created}/{r.Requested} ({r.CreateFailures} failed)" : $"{r.Created}/{r.Requested}";
            b.Append(Inv, $"| {LatencyBenchmark.Transport(r.Transport)} | {(r.Transport == JanusTransportKind.WebSocket ? "n/a" : r.Variant)} | {created} | {r.Hold.TotalSeconds:0} s | {r.SessionTimeout} s / {r.KeepaliveInterval.TotalSeconds:0.#} s | ")
                .Append(Inv, $"{lostDetail} | {(r.CanaryTimedOut ? "yes" : "NO")} | {r.FinalKeepaliveP50Ms:0.0} / {r.FinalKeepaliveP99Ms:0.0} | ")
                .Append(Inv, $"{r.ClientCpu.TotalSeconds:0.0} s ({r.ClientCpuPercentOfCore:0.0} %) | {Mib(r.ClientWorkingSetBefore)} → {Mib(r.ClientWorkingSetPeak)} | {Mib(r.ClientManagedBefore)} → {Mib(r.ClientManagedAfterGc)} | {r.ClientThreadsPeak} | ")
                .AppendLine(Inv, $"{r.JanusCpu.TotalSeconds:0.0} s ({r.JanusCpuPercentOfCore:0.0} %) | {Mib(r.JanusRssBefore)} → {Mib(r.JanusRssPeak)} | {r.JanusThreadsBefore} → {r.JanusThreadsPeak} | {r.JanusFilesPeak} | {r.LoadBefore} → {r.LoadAfter} |");
        }

        foreach (var r in results.Where(r => r.FirstCreateError is not null))
        {
            b.AppendLine();
            b.AppendLine(Inv, $"{LatencyBenchmark.Transport(r.Transport)}: first session-create error: {r.FirstCreateError}");
        }

        return b.ToString();
    }

    private static string Pct(double ratio) => ratio.ToString("+0.0%;-0.0%;0.0%", Inv);

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.0", Inv) + " MiB";
}
