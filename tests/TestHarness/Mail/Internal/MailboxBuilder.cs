namespace TestHarness.Mail.Internal;

/// <summary>
/// Builds a <see cref="GeneratedMailbox"/>: plants the stories, fills the rest with the category mix, files messages
/// into folders, sets flags, breaks a few messages on purpose, then orders everything by date and assigns UIDs.
/// Only metadata is built here; bytes are rendered later from each message's own seed.
/// </summary>
internal sealed partial class MailboxBuilder
{
    public const string Inbox = "INBOX";
    public const string Sent = "Sent";
    public const string Drafts = "Drafts";
    public const string Trash = "Trash";
    public const string Junk = "Junk";
    public const string Archive = "Archive";
    public const string ForgottenFolder = "Archive/Old/Misc";
    public const string BudgetFolder = "Projects/Budget";
    public const string WebsiteFolder = "Projects/Website";
    public const string IeeeFolder = "Conferences/IEEE";
    public const string ReceiptsFolder = "Reçus";
    public const string TravelFolder = "Travel Plans";
    public const string EightBitTail = " - Grüße ÿþ\u0080!";

    private const int WindowDays = 14;

    private static readonly (MailCategory Category, double Share)[] Mix =
    [
        (MailCategory.Monitoring, 0.40), (MailCategory.GitHub, 0.15), (MailCategory.Newsletter, 0.10), (MailCategory.Shopping, 0.09),
        (MailCategory.LinkedIn, 0.08), (MailCategory.Service, 0.07), (MailCategory.Finance, 0.03), (MailCategory.Travel, 0.03),
        (MailCategory.Spam, 0.01), (MailCategory.Human, 0.04),
    ];

    private readonly MailboxSpec _spec;
    private readonly MailboxContext _ctx;
    private readonly DateTimeOffset _now;
    private readonly DateTimeOffset _start;
    private readonly TimeSpan _ownerOffset;
    private readonly List<GeneratedMessage> _messages = [];
    private readonly Dictionary<(string, string), GeneratedAddress> _addresses = [];
    private readonly HashSet<string> _plantedNames = new(StringComparer.Ordinal);
    private Rng _rng;
    private long _sequence;

    public MailboxBuilder(MailboxSpec spec)
    {
        _spec = spec;
        _ctx = new MailboxContext(spec);
        _now = DateTimeOffset.FromUnixTimeSeconds(spec.Now.ToUnixTimeSeconds()).ToOffset(spec.Now.Offset);
        _start = _now.AddYears(-3);
        _ownerOffset = spec.Now.Offset;
        _rng = new Rng(Rng.Mix((ulong)(uint)spec.Seed, 0x6D61696CUL));
    }

    public GeneratedMailbox Build()
    {
        var ieee = PlantIeee();
        var budget = PlantBudget();
        var unreplied = PlantUnreplied();

        var remaining = _spec.Count - _messages.Count;
        var counts = Allocate(remaining);
        foreach (var (category, count) in counts)
        {
            switch (category)
            {
                case MailCategory.Human:
                    GenerateHumans(count);
                    break;
                case MailCategory.GitHub:
                    GenerateGitHub(count);
                    break;
                case MailCategory.Monitoring:
                    GenerateMonitoring(count);
                    break;
                default:
                    GenerateSingles(category, count);
                    break;
            }
        }

        if (_spec.IncludeMalformed)
        {
            Malform();
        }

        return Finish(ieee, budget, unreplied);
    }

    // ---------------------------------------------------------------- planting helpers

    private GeneratedAddress Addr(string name, string address)
    {
        if (!_addresses.TryGetValue((name, address), out var a))
        {
            _addresses[(name, address)] = a = new GeneratedAddress(name, address);
        }

        return a;
    }

    private GeneratedMessage New(MailCategory category, string folder, GeneratedAddress from, string subject, DateTimeOffset date, SenderProfile? profile = null)
    {
        var sequence = _sequence++;
        var m = new GeneratedMessage(_ctx, category, folder, from, subject, date, Rng.Mix((ulong)(uint)_spec.Seed, (ulong)sequence))
        {
            Sequence = sequence,
            Profile = profile,
        };
        if (profile is not null)
        {
            m.AutomationSignals = profile.Signals;
            m.Charset = profile.Charset;
            m.ListId = profile.ListId;
            m.Shape = profile.Shapes[_rng.Next(profile.Shapes.Length)];
        }

        m.IsFromOwner = from.Address == _ctx.Owner.Address || from.Address == _ctx.OwnerAlias.Address;
        _messages.Add(m);
        return m;
    }

    /// <summary>A message written by a person (or the owner).</summary>
    private GeneratedMessage Person(
        GeneratedAddress from,
        IReadOnlyList<GeneratedAddress> to,
        string subject,
        DateTimeOffset date,
        string folder,
        string? body,
        IReadOnlyList<GeneratedAddress>? cc = null,
        string charset = "utf-8",
        string language = "en")
    {
        var m = New(MailCategory.Human, folder, from, subject, date);
        m.To = to;
        m.Cc = cc ?? [];
        m.Body = body;
        m.Charset = charset;
        m.Detail = language;
        m.Shape = BodyShape.PlainText;
        m.MessageId = HumanMessageId(from.Address);
        m.Flags = m.IsFromOwner ? MailFlags.Seen : MailFlags.None;
        if (m.IsFromOwner)
        {
            m.ExtraHeaders = OwnerMailer;
        }

        return m;
    }

    /// <summary>A reply to <paramref name="parent"/>: "Re: " subject, In-Reply-To and References set.</summary>
    private GeneratedMessage Reply(
        GeneratedMessage parent,
        GeneratedAddress from,
        IReadOnlyList<GeneratedAddress> to,
        DateTimeOffset date,
        string folder,
        string? body,
        IReadOnlyList<GeneratedAddress>? cc = null,
        string charset = "utf-8",
        string language = "en")
    {
        var subject = parent.Subject.StartsWith("Re: ", StringComparison.Ordinal) ? parent.Subject : "Re: " + parent.Subject;
        var m = Person(from, to, subject, date, folder, body, cc, charset, language);
        m.InReplyTo = parent.MessageId;
        m.References = parent.MessageId is null ? parent.References : [.. parent.References, parent.MessageId];
        if (m.IsFromOwner && folder == Sent)
        {
            parent.Flags |= MailFlags.Answered;
        }

        return m;
    }

    private static readonly KeyValuePair<string, string>[] OwnerMailer = [new("User-Agent", "Mozilla/5.0 Thunderbird/128.5.0")];

    private string HumanMessageId(string fromAddress)
    {
        var domain = fromAddress[(fromAddress.IndexOf('@', StringComparison.Ordinal) + 1)..];
        return _rng.Next(3) switch
        {
            0 => $"CA{_rng.Hex(24).ToUpperInvariant()}@mail.{domain}",
            1 => $"{_rng.Hex(8)}-{_rng.Hex(4)}-{_rng.Hex(4)}-{_rng.Hex(12)}@{domain}",
            _ => $"{_now.Year - _rng.Next(3)}{_rng.Next(1000000, 9999999)}.{_sequence}.{_rng.Hex(6)}@{domain}",
        };
    }

    /// <summary>The moment <paramref name="days"/> days before now, at <paramref name="hour"/>:<paramref name="minute"/> local time in <paramref name="offset"/>.</summary>
    private DateTimeOffset Ago(int days, int hour, int minute, TimeSpan offset)
    {
        var day = _now.AddDays(-days).ToOffset(offset);
        var result = new DateTimeOffset(day.Year, day.Month, day.Day, hour, minute, 0, offset);
        return result > _now ? _now.AddDays(-days) : result;
    }

    /// <summary>A whole-second moment between <paramref name="from"/> and <paramref name="to"/>, denser towards <paramref name="to"/>.</summary>
    private DateTimeOffset RandomDate(DateTimeOffset from, DateTimeOffset to, TimeSpan offset)
    {
        var span = Math.Max(0, (long)(to - from).TotalSeconds);
        var age = (long)(Math.Pow(_rng.NextDouble(), 1.3) * span);
        return DateTimeOffset.FromUnixTimeSeconds(to.ToUnixTimeSeconds() - age).ToOffset(offset);
    }

    private List<(MailCategory Category, int Count)> Allocate(int total)
    {
        var raw = Mix.Select(x => (x.Category, Exact: x.Share * total)).ToList();
        var counts = raw.Select(x => (x.Category, Count: (int)Math.Floor(x.Exact))).ToList();
        var left = total - counts.Sum(c => c.Count);
        foreach (var i in Enumerable.Range(0, raw.Count).OrderByDescending(i => raw[i].Exact - Math.Floor(raw[i].Exact)).ThenBy(i => i).Take(left))
        {
            counts[i] = (counts[i].Category, counts[i].Count + 1);
        }

        return counts;
    }

    // ---------------------------------------------------------------- finishing

    private GeneratedMailbox Finish(IeeeInvitationStory ieee, BudgetThreadStory budget, UnrepliedStory unreplied)
    {
        if (_messages.Count != _spec.Count)
        {
            throw new InvalidOperationException($"Generated {_messages.Count} messages instead of {_spec.Count}.");
        }

        var ordered = _messages.OrderBy(m => m.Date.UtcTicks).ThenBy(m => m.Sequence).ToArray();
        for (var i = 0; i < ordered.Length; i++)
        {
            var m = ordered[i];
            m.Index = i;
            m.ThreadKey = m.References.Count > 0 ? m.References[0] : m.InReplyTo ?? m.MessageId ?? $"no-message-id:{i}";
            if (m.Date > _now)
            {
                throw new InvalidOperationException($"Generated a message dated after now: {m}.");
            }
        }

        var byFolder = ordered.GroupBy(m => m.Folder, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var folders = new List<GeneratedFolder>();
        foreach (var (name, use) in FolderNames())
        {
            var messages = byFolder.Remove(name, out var list) ? list : [];
            for (var i = 0; i < messages.Length; i++)
            {
                messages[i].Uid = (uint)(i + 1);
            }

            folders.Add(new GeneratedFolder(name, use, messages));
        }

        if (byFolder.Count > 0)
        {
            throw new InvalidOperationException($"Messages were filed in unknown folders: {string.Join(", ", byFolder.Keys)}.");
        }

        var mailbox = new GeneratedMailbox(_spec, _ctx.Owner, _ctx.OwnerAlias, folders, ordered, ieee, budget, unreplied);
        var expected = mailbox.UnansweredSince(unreplied.Since);
        if (!expected.SequenceEqual(unreplied.Unanswered))
        {
            throw new InvalidOperationException("The unanswered story does not match the unanswered messages of the mailbox.");
        }

        return mailbox;
    }

    private IEnumerable<(string Name, SpecialUse Use)> FolderNames()
    {
        yield return (Inbox, SpecialUse.None);
        yield return (Sent, SpecialUse.Sent);
        yield return (Drafts, SpecialUse.Drafts);
        yield return (Trash, SpecialUse.Trash);
        yield return (Junk, SpecialUse.Junk);
        yield return (Archive, SpecialUse.Archive);
        foreach (var year in ArchiveYears())
        {
            yield return ($"{Archive}/{year}", SpecialUse.None);
        }

        yield return ("Archive/Old", SpecialUse.None);
        yield return (ForgottenFolder, SpecialUse.None);
        yield return ("Conferences", SpecialUse.None);
        yield return (IeeeFolder, SpecialUse.None);
        yield return ("Projects", SpecialUse.None);
        yield return (BudgetFolder, SpecialUse.None);
        yield return (WebsiteFolder, SpecialUse.None);
        yield return (ReceiptsFolder, SpecialUse.None);
        yield return (TravelFolder, SpecialUse.None);
    }

    /// <summary>The years that get an Archive/&lt;year&gt; folder: those of mail older than a year.</summary>
    private IEnumerable<int> ArchiveYears() => Enumerable.Range(_start.Year, _now.AddDays(-365).Year - _start.Year + 1);
}
