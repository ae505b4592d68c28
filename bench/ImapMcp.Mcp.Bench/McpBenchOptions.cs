using System.Globalization;

namespace ImapMcp.Mcp.Bench;

/// <summary>The command line of the MCP benchmark.</summary>
internal sealed class McpBenchOptions
{
    public const string Usage = """
        ImapMcp.Mcp.Bench: the built imap-mcp serving MCP over stdio with a large cache; handshake and tool calls
        end to end (the SDK's client, as an assistant calls them), each next to the same engine call in-process.

          ./run bench Mcp [options]

          --messages N     mailbox size (default 300000)
          --quick          a smoke run: 20000 messages, 10 runs per call
          --seed N         generator seed (default 42)
          --runs N         timed calls per tool shape (default 30)
          --handshakes N   server starts timed (default 5)
          --handshake-only time the starts only, no tool calls
          --server DLL     the imap-mcp.dll measured (default: the ReadyToRun publish artifacts/imap-mcp/imap-mcp.dll
                           that ./run build makes, else the plain build); the plain build is timed next to it
          --try-env K=V    one more handshake row: the server started with that environment variable (repeatable)
          --cache-dir DIR  where the cache goes (default: the system temp folder, on disk)
          --keep-cache     leave the cache and its config behind (the path is printed) for sqlite3 or a rerun
          --output FILE    the Markdown fragment (default artifacts/bench/imap-mcp-mcp.md)
        """;

    public int Messages { get; private set; } = 300_000;

    public bool Quick { get; private set; }

    public int Seed { get; private set; } = 42;

    public int Runs { get; private set; } = 30;

    public int Handshakes { get; private set; } = 5;

    public string? CacheDirectory { get; private set; }

    public bool HandshakeOnly { get; private set; }

    public bool KeepCache { get; private set; }

    public string? Server { get; private set; }

    public List<(string Name, string Value)> TryEnvironment { get; } = [];

    public string? Output { get; private set; }

    public bool Help { get; private set; }

    /// <summary>The arguments as given, for the report's command line.</summary>
    public string CommandLine { get; private set; } = "";

    public static bool TryParse(string[] args, out McpBenchOptions options, out string problem)
    {
        options = new McpBenchOptions { CommandLine = string.Join(' ', args.Where((a, i) => a != "--output" && (i == 0 || args[i - 1] != "--output"))) };
        problem = "";
        int? messages = null;
        int? runs = null;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{a} needs a value");
            try
            {
                switch (a)
                {
                    case "--messages": messages = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--quick": options.Quick = true; break;
                    case "--seed": options.Seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--runs": runs = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--handshakes": options.Handshakes = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--cache-dir": options.CacheDirectory = Value(); break;
                    case "--handshake-only": options.HandshakeOnly = true; break;
                    case "--keep-cache": options.KeepCache = true; break;
                    case "--server": options.Server = Path.GetFullPath(Value()); break;
                    case "--try-env":
                        var pair = Value().Split('=', 2);
                        if (pair.Length != 2 || pair[0].Length == 0)
                            throw new FormatException("needs NAME=VALUE, e.g. DOTNET_TieredPGO=0");
                        options.TryEnvironment.Add((pair[0], pair[1]));
                        break;
                    case "--output": options.Output = Value(); break;
                    case "-h" or "--help": options.Help = true; break;
                    default: problem = $"unknown option {a}\n\n{Usage}"; return false;
                }
            }
            catch (FormatException e)
            {
                problem = $"{a}: {e.Message}";
                return false;
            }
        }

        options.Messages = messages ?? (options.Quick ? 20_000 : 300_000);
        options.Runs = runs ?? (options.Quick ? 10 : 30);
        if (options.Messages is < 100 or > 1_000_000 || options.Runs is < 1 or > 10_000 || options.Handshakes is < 1 or > 100)
        {
            problem = "--messages must be 100..1000000, --runs 1..10000, --handshakes 1..100";
            return false;
        }

        return true;
    }
}
