namespace TestHarness.Dovecot;

/// <summary>How <see cref="DovecotServer.SetFlagsAsync"/> changes flags (IMAP STORE +FLAGS, -FLAGS or FLAGS).</summary>
public enum FlagChange
{
    Add,
    Remove,
    Replace,
}
