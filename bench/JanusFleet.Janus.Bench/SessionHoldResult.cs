namespace JanusFleet.Janus.Bench;

/// <summary>What holding many sessions on one Janus cost and whether every one survived.</summary>
internal sealed record SessionHoldResult
{
    public required JanusTransportKind Transport { get; init; }

    /// <summary>How the client was set up ("client defaults", or the HTTP connection cap).</summary>
    public required string Variant { get; init; }

    /// <summary>HTTP requests (keepalive POSTs, long-poll GETs) that failed at the HTTP level over the whole run.</summary>
    public required long HttpFailures { get; init; }

    public required string? FirstHttpFailure { get; init; }

    /// <summary>POSTs (keepalives) that took more than a second to answer.</summary>
    public required long SlowPosts { get; init; }

    public required TimeSpan SlowestPost { get; init; }

    /// <summary>The most connections seen waiting in the kernel accept queue of Janus's HTTP port (not yet taken by libmicrohttpd).</summary>
    public required int AcceptQueuePeak { get; init; }

    public required int Requested { get; init; }

    public required int Created { get; init; }

    public required int CreateFailures { get; init; }

    public required string? FirstCreateError { get; init; }

    public required TimeSpan CreateTime { get; init; }

    public required TimeSpan Hold { get; init; }

    public required int SessionTimeout { get; init; }

    public required TimeSpan KeepaliveInterval { get; init; }

    /// <summary>Sessions the client saw end (timeout event, 458) during the hold.</summary>
    public required int LostDuringHold { get; init; }

    /// <summary>"Timeout expired for session" lines Janus printed.</summary>
    public required int JanusTimeouts { get; init; }

    /// <summary>Our sessions Janus's Admin API list_sessions still listed at the end.</summary>
    public required int ListedAtEnd { get; init; }

    /// <summary>Sessions whose explicit keepalive at the end failed.</summary>
    public required int FinalKeepaliveFailures { get; init; }

    public required double FinalKeepaliveP50Ms { get; init; }

    public required double FinalKeepaliveP99Ms { get; init; }

    public required TimeSpan ClientCpu { get; init; }

    public required long ClientWorkingSetBefore { get; init; }

    public required long ClientWorkingSetPeak { get; init; }

    public required long ClientManagedAfterGc { get; init; }

    public required long ClientManagedBefore { get; init; }

    public required int ClientThreadsPeak { get; init; }

    public required TimeSpan JanusCpu { get; init; }

    public required long JanusRssBefore { get; init; }

    public required long JanusRssPeak { get; init; }

    public required int JanusThreadsBefore { get; init; }

    public required int JanusThreadsPeak { get; init; }

    public required int JanusFilesPeak { get; init; }

    public required string LoadBefore { get; init; }

    public required string LoadAfter { get; init; }

    /// <summary>Sessions that failed any check (ended during the hold, missing from list_sessions, timed out by Janus, final keepalive failed).</summary>
    public required int Lost { get; init; }

    /// <summary>Whether the canary (a session with no keepalives) timed out as it should, proving a lost keepalive would show.</summary>
    public required bool CanaryTimedOut { get; init; }

    public double ClientCpuPercentOfCore => ClientCpu / Hold * 100;

    public double JanusCpuPercentOfCore => JanusCpu / Hold * 100;
}
