namespace ImapMcp.Bench;

/// <summary>A clock standing at the generated mailbox's "now", so "last two weeks" means the generator's two weeks.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
