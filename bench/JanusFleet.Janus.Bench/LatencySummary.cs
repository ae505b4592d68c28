using System.Diagnostics;

namespace JanusFleet.Janus.Bench;

/// <summary>Percentiles and throughput of one side (bare or client) of one latency cell.</summary>
internal sealed record LatencySummary(int Count, double P50Ms, double P99Ms, double MeanMs, double RequestsPerSecond, double CpuMicrosPerRequest)
{
    /// <summary>Sorts the samples (Stopwatch ticks) and reads the nearest-rank percentiles.</summary>
    public static LatencySummary From(List<long> ticks, TimeSpan elapsed, TimeSpan cpu)
    {
        ticks.Sort();
        double Ms(long t) => t * 1000.0 / Stopwatch.Frequency;
        double Percentile(double p) => Ms(ticks[Math.Clamp((int)Math.Ceiling(p * ticks.Count) - 1, 0, ticks.Count - 1)]);
        return new LatencySummary(
            ticks.Count,
            Percentile(0.50),
            Percentile(0.99),
            ticks.Count == 0 ? 0 : ticks.Average(Ms),
            ticks.Count / elapsed.TotalSeconds,
            cpu.TotalMicroseconds / Math.Max(1, ticks.Count));
    }
}
