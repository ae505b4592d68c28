using System.Text.Json.Serialization;

namespace JanusFleet.Janus.Admin;

/// <summary>Janus's runtime settings, as <c>get_status</c> reports them.</summary>
public sealed record JanusAdminStatus
{
    /// <summary>Whether token authentication is on.</summary>
    public bool TokenAuth { get; init; }

    /// <summary>The session timeout in seconds.</summary>
    public int SessionTimeout { get; init; }

    /// <summary>The reclaim window in seconds.</summary>
    public int ReclaimSessionTimeout { get; init; }

    /// <summary>The candidates timeout in seconds.</summary>
    public int CandidatesTimeout { get; init; }

    /// <summary>The log level (0–7).</summary>
    public int LogLevel { get; init; }

    /// <summary>The minimum NACK queue length.</summary>
    public int MinNackQueue { get; init; }

    /// <summary>Seconds without media before a "media receiving: false" event.</summary>
    public int NoMediaTimer { get; init; }

    /// <summary>The slowlink threshold (lost packets per second).</summary>
    public int SlowlinkThreshold { get; init; }

    /// <summary>Whether NACK optimizations are on.</summary>
    [JsonPropertyName("nack-optimizations")]
    public bool NackOptimizations { get; init; }
}
