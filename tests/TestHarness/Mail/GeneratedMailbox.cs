namespace TestHarness.Mail;

/// <summary>
/// A deterministic, realistic mailbox made by <see cref="MailboxGenerator"/>: the folders, every message's metadata,
/// the planted stories with their known answers and the counts a test asserts against.
/// </summary>
public sealed class GeneratedMailbox
{
    private readonly Dictionary<string, GeneratedFolder> _folders;
    private readonly Dictionary<string, List<GeneratedMessage>> _threads;

    internal GeneratedMailbox(
        MailboxSpec spec,
        GeneratedAddress owner,
        GeneratedAddress ownerAlias,
        IReadOnlyList<GeneratedFolder> folders,
        IReadOnlyList<GeneratedMessage> messages,
        IeeeInvitationStory ieee,
        BudgetThreadStory budget,
        UnrepliedStory unreplied)
    {
        Spec = spec;
        Owner = owner;
        OwnerAlias = ownerAlias;
        Folders = folders;
        Messages = messages;
        IeeeInvitation = ieee;
        BudgetThread = budget;
        Unreplied = unreplied;
        _folders = folders.ToDictionary(f => f.Name, StringComparer.Ordinal);
        _threads = new Dictionary<string, List<GeneratedMessage>>(StringComparer.Ordinal);
        foreach (var m in messages)
        {
            if (!_threads.TryGetValue(m.ThreadKey, out var list))
            {
                _threads[m.ThreadKey] = list = [];
            }

            list.Add(m);
        }
    }

    /// <summary>The spec it was generated from.</summary>
    public MailboxSpec Spec { get; }

    /// <summary>The moment the mailbox is looked at (<see cref="MailboxSpec.Now"/>).</summary>
    public DateTimeOffset Now => Spec.Now;

    /// <summary>The owner, with the main address.</summary>
    public GeneratedAddress Owner { get; }

    /// <summary>The owner, with the alias address.</summary>
    public GeneratedAddress OwnerAlias { get; }

    /// <summary>All the owner's addresses (main first).</summary>
    public IReadOnlyList<string> OwnerAddresses => [Owner.Address, OwnerAlias.Address];

    /// <summary>The hierarchy separator used in folder names.</summary>
    public char Separator => '/';

    /// <summary>Every folder (including the empty parents such as "Projects"), INBOX first.</summary>
    public IReadOnlyList<GeneratedFolder> Folders { get; }

    /// <summary>Every message, ordered by date (<see cref="GeneratedMessage.Index"/>).</summary>
    public IReadOnlyList<GeneratedMessage> Messages { get; }

    /// <summary>The IEEE reviewer-panel invitation lost in a subfolder.</summary>
    public IeeeInvitationStory IeeeInvitation { get; }

    /// <summary>The Q3 budget thread with Sarah.</summary>
    public BudgetThreadStory BudgetThread { get; }

    /// <summary>The messages of the last two weeks the owner has and has not replied to.</summary>
    public UnrepliedStory Unreplied { get; }

    /// <summary>The folder called <paramref name="name"/>; throws if there is none.</summary>
    public GeneratedFolder Folder(string name) =>
        _folders.TryGetValue(name, out var folder) ? folder : throw new KeyNotFoundException($"The generated mailbox has no folder '{name}'.");

    /// <summary>The messages of the conversation <paramref name="threadKey"/>, oldest first, over all folders.</summary>
    public IReadOnlyList<GeneratedMessage> Thread(string threadKey) =>
        _threads.TryGetValue(threadKey, out var list) ? list : [];

    /// <summary>Message count per folder name (every folder, empty ones as 0).</summary>
    public IReadOnlyDictionary<string, int> CountsByFolder() =>
        Folders.ToDictionary(f => f.Name, f => f.Count, StringComparer.Ordinal);

    /// <summary>Message count per category (categories with no message are left out).</summary>
    public IReadOnlyDictionary<MailCategory, int> CountsByCategory() =>
        Messages.GroupBy(m => m.Category).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Message count per sender address (lower case), over all folders.</summary>
    public IReadOnlyDictionary<string, int> CountsBySender() =>
        Messages.GroupBy(m => m.From.Address.ToLowerInvariant(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Sender addresses (lower case) none of whose messages has ever been opened (no \Seen anywhere), most messages first.</summary>
    public IReadOnlyList<string> SendersNeverOpened() =>
        Messages.Where(m => !m.IsFromOwner)
            .GroupBy(m => m.From.Address.ToLowerInvariant(), StringComparer.Ordinal)
            .Where(g => g.All(m => (m.Flags & MailFlags.Seen) == 0))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .ToList();

    /// <summary>True when <paramref name="address"/> is one of the owner's addresses.</summary>
    public bool IsOwnerAddress(string address) =>
        OwnerAddresses.Any(a => string.Equals(a, address, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Messages people (not machines, not the owner) sent since <paramref name="since"/>, outside Sent, Drafts, Trash
    /// and Junk, with no later message from the owner in Sent in the same thread; oldest first.
    /// </summary>
    public IReadOnlyList<GeneratedMessage> UnansweredSince(DateTimeOffset since) =>
        Messages.Where(m => m.Category == MailCategory.Human && !m.IsFromOwner && m.Date >= since && IsReceivedFolder(m.Folder))
            .Where(m => !Thread(m.ThreadKey).Any(r => r.IsFromOwner && r.Folder == "Sent" && r.Date > m.Date))
            .ToList();

    /// <summary>Like <see cref="UnansweredSince"/> but the messages the owner did reply to later in their thread.</summary>
    public IReadOnlyList<GeneratedMessage> AnsweredSince(DateTimeOffset since) =>
        Messages.Where(m => m.Category == MailCategory.Human && !m.IsFromOwner && m.Date >= since && IsReceivedFolder(m.Folder))
            .Where(m => Thread(m.ThreadKey).Any(r => r.IsFromOwner && r.Folder == "Sent" && r.Date > m.Date))
            .ToList();

    private static bool IsReceivedFolder(string folder) => folder is not ("Sent" or "Drafts" or "Trash" or "Junk");
}
