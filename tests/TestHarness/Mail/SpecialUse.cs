namespace TestHarness.Mail;

/// <summary>The RFC 6154 special use of a folder, as the server advertises it in LIST.</summary>
public enum SpecialUse
{
    None,
    Sent,
    Drafts,
    Trash,
    Archive,
    Junk,
}
