namespace DevServers;

/// <summary>Command-line options of <c>DevServers demo</c>.</summary>
internal sealed record DemoOptions(string Root, bool Once, int Messages, int Seed)
{
    public const string Usage = """
        Usage: DevServers demo [--once] [--messages N] [--seed N] [--root DIR]

          Starts a local Dovecot with a generated demo mailbox, a local Janus and the product parts that exist,
          prints how to reach each, and runs until Ctrl-C (then stops everything it started).

          --once        start, print, stop (a smoke check)
          --messages N  size of the demo mailbox (default 20000, at most 300000)
          --seed N      generator seed (default 42): the same seed gives the same mailbox
          --root DIR    repository root (default: current folder); state goes to DIR/.state/demo
        """;

    public static DemoOptions Parse(IReadOnlyList<string> args)
    {
        var root = Environment.CurrentDirectory;
        var once = false;
        var messages = 20_000;
        var seed = 42;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--once":
                    once = true;
                    break;
                case "--root":
                    root = Value(args, ref i);
                    break;
                case "--messages":
                    messages = Number(args, ref i, 100, 300_000);
                    break;
                case "--seed":
                    seed = Number(args, ref i, 0, int.MaxValue);
                    break;
                default:
                    throw new ArgumentException($"unknown option '{args[i]}'.\n{Usage}");
            }
        }

        return new DemoOptions(Path.GetFullPath(root), once, messages, seed);
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"'{args[i - 1]}' needs a value.\n{Usage}");

    private static int Number(IReadOnlyList<string> args, ref int i, int min, int max)
    {
        var name = args[i];
        var text = Value(args, ref i);
        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"'{name}' takes a whole number from {min} to {max}, not '{text}'.");
    }
}
