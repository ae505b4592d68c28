namespace ImapMcp.Mail.Sync;

/// <summary>What sync is doing.</summary>
public enum SyncPhase
{
    /// <summary>Connecting and listing folders.</summary>
    Connecting,

    /// <summary>Fetching headers of new messages.</summary>
    Headers,

    /// <summary>Reconciling flags and expunges of cached messages.</summary>
    Changes,

    /// <summary>Downloading text bodies.</summary>
    Bodies,

    /// <summary>Waiting before a reconnect.</summary>
    Retrying,

    /// <summary>Finished.</summary>
    Done,
}
