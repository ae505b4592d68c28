namespace TestHarness.Mail;

/// <summary>A folder of a <see cref="GeneratedMailbox"/>, with its messages in UID order.</summary>
public sealed class GeneratedFolder
{
    internal GeneratedFolder(string name, SpecialUse specialUse, IReadOnlyList<GeneratedMessage> messages)
    {
        Name = name;
        SpecialUse = specialUse;
        Messages = messages;
    }

    /// <summary>The full name with "/" as the hierarchy separator ("INBOX", "Archive/Old/Misc", "Reçus").</summary>
    public string Name { get; }

    /// <summary>The special use the server advertises for it.</summary>
    public SpecialUse SpecialUse { get; }

    /// <summary>Every generated folder is subscribed.</summary>
    public bool IsSubscribed => true;

    /// <summary>The messages, in UID order (message <c>i</c> has UID <c>i + 1</c> after loading into an empty server).</summary>
    public IReadOnlyList<GeneratedMessage> Messages { get; }

    /// <summary>How many messages the folder holds.</summary>
    public int Count => Messages.Count;

    /// <summary>How many messages lack the \Seen flag.</summary>
    public int UnseenCount => Messages.Count(m => (m.Flags & MailFlags.Seen) == 0);

    public override string ToString() => $"{Name} ({Count})";
}
