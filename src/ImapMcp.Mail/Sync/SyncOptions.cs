namespace ImapMcp.Mail.Sync;

/// <summary>Tuning of one sync run.</summary>
public sealed record SyncOptions
{
    /// <summary>Whether to run the body phase after headers (by the account's body policy).</summary>
    public bool Bodies { get; init; } = true;

    /// <summary>Messages per header FETCH and per transaction.</summary>
    public int HeaderBatchSize { get; init; } = 2500;

    /// <summary>Messages per body FETCH and per transaction.</summary>
    public int BodyBatchSize { get; init; } = 1000;

    /// <summary>Reconnect attempts after a dropped connection before giving up.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The first reconnect delay; it doubles on each further attempt.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Only these folders (full names); empty means the account's selection.</summary>
    public IReadOnlyList<string> Folders { get; init; } = [];

    /// <summary>
    /// Load mail dated on or after this day (UTC) too, beyond the account's header window ("load older mail"). With
    /// <see cref="Before"/>, only the range in between; the cache remembers each folder's complete ranges and fetches only what
    /// they lack. Null with a <see cref="Before"/> means from the first message.
    /// </summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The end (exclusive, rounded up to a whole UTC day) of the range to load with <see cref="Since"/>; null means up to now.</summary>
    public DateTimeOffset? Before { get; init; }

    /// <summary>
    /// Fetches headers through MailKit even when the synchronizer has a lean session (tests compare both paths, benchmarks
    /// time them). Internal: hosts have no reason to turn the lean path off.
    /// </summary>
    internal bool MailKitHeaders { get; init; }
}
