namespace TestHarness.Dovecot;

/// <summary>
/// What <see cref="DovecotServer.LoadAsync"/> wrote and how long it took; <see cref="AlreadyLoaded"/> when a persistent
/// data folder already held exactly this mailbox and nothing was written.
/// </summary>
public sealed record MaildirLoadResult(int Messages, long Bytes, int Folders, TimeSpan WriteTime, TimeSpan IndexTime, bool AlreadyLoaded = false)
{
    /// <summary>Wall-clock time of the whole load.</summary>
    public TimeSpan Elapsed => WriteTime + IndexTime;

    /// <summary>Messages per second over the whole load.</summary>
    public double MessagesPerSecond => Messages / Math.Max(Elapsed.TotalSeconds, 1e-6);

    public override string ToString() => AlreadyLoaded
        ? $"{Messages:N0} messages in {Folders} folders were already loaded"
        : $"{Messages:N0} messages ({Bytes / 1e6:N1} MB) in {Folders} folders: files {WriteTime.TotalSeconds:0.00} s, index {IndexTime.TotalSeconds:0.00} s, {MessagesPerSecond:N0} messages/s";
}
