namespace JanusFleet.Janus.Bench;

/// <summary>One latency cell: the same request sent through the client and through the bare transport.</summary>
internal sealed record LatencyResult(string Operation, JanusTransportKind Transport, int Concurrency, LatencySummary Bare, LatencySummary Client)
{
    /// <summary>Client p50 over bare p50, minus one (0.05 = 5 % slower).</summary>
    public double P50Overhead => Client.P50Ms / Bare.P50Ms - 1;

    public double P99Overhead => Client.P99Ms / Bare.P99Ms - 1;

    /// <summary>Bare throughput over client throughput, minus one (0.05 = the client does 5 % fewer requests/s).</summary>
    public double ThroughputOverhead => Bare.RequestsPerSecond / Client.RequestsPerSecond - 1;

    public double CpuOverhead => Client.CpuMicrosPerRequest / Bare.CpuMicrosPerRequest - 1;
}
