namespace JanusFleet.Janus.Bench;

/// <summary>One latency cell: the same request sent through the client and through the bare transport.</summary>
/// <param name="Operation">The request, as the table names it.</param>
/// <param name="Transport">HTTP or WebSocket.</param>
/// <param name="Concurrency">Requests in flight.</param>
/// <param name="Bare">The bare HttpClient/ClientWebSocket side.</param>
/// <param name="Client">The <see cref="JanusConnection"/> side.</param>
/// <param name="ThroughputOverhead">The median over rounds of bare req/s ÷ client req/s, minus one (0.05 = the client does 5 % fewer
/// requests/s); each ratio compares two runs made seconds apart, so it survives load from other processes better than totals.</param>
internal sealed record LatencyResult(string Operation, JanusTransportKind Transport, int Concurrency, LatencySummary Bare, LatencySummary Client, double ThroughputOverhead)
{
    /// <summary>Client p50 over bare p50, minus one (0.05 = 5 % slower).</summary>
    public double P50Overhead => Client.P50Ms / Bare.P50Ms - 1;

    public double P99Overhead => Client.P99Ms / Bare.P99Ms - 1;

    public double CpuOverhead => Client.CpuMicrosPerRequest / Bare.CpuMicrosPerRequest - 1;
}
