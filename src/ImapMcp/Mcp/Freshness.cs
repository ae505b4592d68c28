namespace ImapMcp.Mcp;

/// <summary>How fresh an answer from the cache is: every tool result carries one.</summary>
/// <param name="Account">The account answered for.</param>
/// <param name="LastSynced">When a sync of the account last completed (survives restarts); null when never.</param>
/// <param name="AgeSeconds">Seconds since <paramref name="LastSynced"/>.</param>
/// <param name="SyncingNow">Whether a sync runs right now (the answer may miss what it has not reached yet).</param>
/// <param name="SyncProgress">What the running sync is doing, when one runs.</param>
/// <param name="LastError">Why the last background sync failed, if it did (the cache is still served).</param>
/// <param name="Summary">The same in one sentence.</param>
internal sealed record Freshness(string Account, DateTimeOffset? LastSynced, long? AgeSeconds, bool SyncingNow, string? SyncProgress, string? LastError, string Summary);
