using System.Diagnostics;

namespace JanusFleet.Janus.Bench;

/// <summary>Percentiles and throughput of one side (bare or client) of one latency cell.</summary>
internal sealed record LatencySummary(int Count, double P50Ms, double P99Ms, double MeanMs, double RequestsPerSecond, double CpuMicrosPerRequest)
{
    /// <summary>The median of a few values (per-round throughputs or ratios), robust to a round a neighbour's build slowed down.</summary>
    public static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

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
