using System.Globalization;

namespace ImapMcp.Bench;

/// <summary>The command line of the benchmark.</summary>
internal sealed class BenchOptions
{
    public const int DefaultMessages = 300_000;
    public const int QuickMessages = 20_000;

    public const string Usage = """
        ImapMcp.Bench: the imap-mcp engine against a generated mailbox in a private Dovecot, each figure next to a
        baseline measured in the same run (raw IMAP UID FETCH, notmuch).

          ./run bench ImapMcp [options]

          --messages N           mailbox size (default 300000)
          --quick                a smoke run: 20000 messages, fewer repetitions
          --seed N               generator seed (default 42)
          --notmuch-messages N   index only an N-message subset of the Maildir with notmuch (default: all of it)
          --no-notmuch           skip the notmuch baseline
          --runs N               timed repetitions per query shape (default 20; 10 with --quick)
          --cache-dir DIR        where the engine's SQLite caches go (default: the system temp folder, on disk)
          --output FILE          the Markdown fragment (default artifacts/bench/imap-mcp.md)
          --keep-work            keep the engine's caches (for EXPLAIN QUERY PLAN and the like) and print where
          --sync-only            only the sync figures (raw warm fetch, engine header sync, full sync with encryption off
                                 and on, memory), printed,
                                 no table written: the loop for working on the sync engine
        """;

    public int Messages { get; private set; } = DefaultMessages;

    public bool Quick { get; private set; }

    public int Seed { get; private set; } = 42;

    public int? NotmuchMessages { get; private set; }

    public bool Notmuch { get; private set; } = true;

    public int Runs { get; private set; } = 20;

    public string? CacheDirectory { get; private set; }

    public string? Output { get; private set; }

    public bool KeepWork { get; private set; }

    public bool SyncOnly { get; private set; }

    public bool Help { get; private set; }

    public static bool TryParse(string[] args, out BenchOptions options, out string problem)
    {
        options = new BenchOptions();
        problem = "";
        int? messages = null;
        int? runs = null;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string Next()
            {
                if (i + 1 >= args.Length)
                    throw new FormatException($"{a} needs a value.");
                return args[++i];
            }

            try
            {
                switch (a)
                {
                    case "--messages": messages = PositiveInt(a, Next()); break;
                    case "--quick": options.Quick = true; break;
                    case "--seed": options.Seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--notmuch-messages": options.NotmuchMessages = PositiveInt(a, Next()); break;
                    case "--no-notmuch": options.Notmuch = false; break;
                    case "--runs": runs = PositiveInt(a, Next()); break;
                    case "--cache-dir": options.CacheDirectory = Path.GetFullPath(Next()); break;
                    case "--output": options.Output = Path.GetFullPath(Next()); break;
                    case "--keep-work": options.KeepWork = true; break;
                    case "--sync-only": options.SyncOnly = true; break;
                    case "-h" or "--help": options.Help = true; break;
                    default: throw new FormatException($"Unknown option '{a}'.");
                }
            }
            catch (FormatException e)
            {
                problem = e.Message + "\n\n" + Usage;
                return false;
            }
        }

        options.Messages = messages ?? (options.Quick ? QuickMessages : DefaultMessages);
        options.Runs = runs ?? (options.Quick ? 10 : 20);
        if (options.Messages is < 1_000 or > 1_000_000)
        {
            problem = "--messages must be between 1000 and 1000000.";
            return false;
        }

        return true;
    }

    private static int PositiveInt(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new FormatException($"{name} needs a positive whole number, not '{text}'.");
}
