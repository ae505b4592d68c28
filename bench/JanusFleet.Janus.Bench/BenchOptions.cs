using System.Globalization;

namespace JanusFleet.Janus.Bench;

/// <summary>What to run, read from the command line (see <see cref="Usage"/>).</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        Usage: JanusFleet.Janus.Bench [--quick] [--part latency|sessions|all] [--transport http|ws|both]
                                      [--sessions N] [--hold SECONDS] [--concurrency N] [--out FILE]

          --quick        short smoke run: fewer latency samples, 100 sessions held for 30 s
          --part         latency (client vs bare HttpClient/ClientWebSocket), sessions (many sessions kept alive), all
                         (both), info-breakdown (where core info's time goes over HTTP, step by step), or
                         client-work (the client's own CPU and allocation per request over an in-process transport
                         that answers at once, against the bare baseline's work; no Janus)
          --transport    which transports to measure (default both)
          --sessions     sessions held on one Janus (default 1000; 100 with --quick)
          --hold         seconds the sessions are held (default 300; 30 with --quick)
          --concurrency  requests in flight in the concurrent latency runs (default 16)
          --http-max-connections N|off
                         over HTTP, also hold the sessions with the client given one SocketsHttpHandler shared by
                         requests and long-polls, capped at N connections (the design before the pools were split;
                         default: sessions + 8, which keeps the total under libmicrohttpd's 1020); off skips it
          --bare-long-poll
                         the bare HTTP baseline also keeps a long-poll GET pending on its session, as the client does
          --out          the Markdown fragment to write (default artifacts/bench/janus-client.md under the repository)
        """;

    public bool Quick { get; private set; }

    public bool RunLatency { get; private set; } = true;

    public bool RunSessions { get; private set; } = true;

    /// <summary>Only the breakdown of where core info's time goes over HTTP (not part of "all").</summary>
    public bool RunInfoBreakdown { get; private set; }

    /// <summary>Only the client's own work per request over an in-process transport (not part of "all").</summary>
    public bool RunClientWork { get; private set; }

    public IReadOnlyList<JanusTransportKind> Transports { get; private set; } = [JanusTransportKind.Http, JanusTransportKind.WebSocket];

    public int Sessions { get; private set; }

    public TimeSpan Hold { get; private set; }

    public int Concurrency { get; private set; } = 16;

    /// <summary>Requests per side in one sequential block; sides alternate block by block.</summary>
    public const int SequentialBlock = 20;

    /// <summary>Requests per worker in one concurrent block.</summary>
    public const int ConcurrentBlockPerWorker = 20;

    /// <summary>Rounds (groups of consecutive blocks) whose throughput ratios give the median req/s overhead.</summary>
    public int Rounds => Quick ? 6 : 10;

    public int SequentialPerSide => Quick ? 1000 : 6000;

    public int ConcurrentPerSide => Quick ? 4000 : 30000;

    public int Warmup => Quick ? 200 : 500;

    /// <summary>Janus's session_timeout for the hold: short, so a missed keepalive shows as a lost session.</summary>
    public int HoldSessionTimeout { get; private set; } = 15;

    public string? OutputPath { get; private set; }

    /// <summary>The connection cap for the extra HTTP hold; null skips it.</summary>
    public int? HttpMaxConnections { get; private set; }

    public bool ShowHelp { get; private set; }

    /// <summary>The bare HTTP baseline keeps a long-poll pending on its session, like the client (an experiment).</summary>
    public bool BareLongPoll { get; private set; }

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new BenchOptions();
        int? sessions = null;
        int? hold = null;
        int? httpCap = null;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{a} needs a value.");
            switch (a)
            {
                case "--quick":
                    o.Quick = true;
                    break;
                case "--part":
                    var part = Next();
                    o.RunInfoBreakdown = part == "info-breakdown";
                    o.RunClientWork = part == "client-work";
                    (o.RunLatency, o.RunSessions) = part switch
                    {
                        "latency" => (true, false),
                        "sessions" => (false, true),
                        "all" => (true, true),
                        "info-breakdown" or "client-work" => (false, false),
                        _ => throw new ArgumentException($"--part must be latency, sessions, all, info-breakdown or client-work, not '{part}'."),
                    };
                    break;
                case "--transport":
                    var t = Next();
                    o.Transports = t switch
                    {
                        "http" => [JanusTransportKind.Http],
                        "ws" or "websocket" => [JanusTransportKind.WebSocket],
                        "both" => [JanusTransportKind.Http, JanusTransportKind.WebSocket],
                        _ => throw new ArgumentException($"--transport must be http, ws or both, not '{t}'."),
                    };
                    break;
                case "--sessions":
                    sessions = PositiveInt(a, Next());
                    break;
                case "--hold":
                    hold = PositiveInt(a, Next());
                    break;
                case "--concurrency":
                    o.Concurrency = PositiveInt(a, Next());
                    break;
                case "--session-timeout":
                    o.HoldSessionTimeout = PositiveInt(a, Next());
                    break;
                case "--http-max-connections":
                    var cap = Next();
                    httpCap = cap == "off" ? 0 : PositiveInt(a, cap);
                    break;
                case "--bare-long-poll":
                    o.BareLongPoll = true;
                    break;
                case "--out":
                    o.OutputPath = Next();
                    break;
                case "-h" or "--help":
                    o.ShowHelp = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{a}'.");
            }
        }

        o.Sessions = sessions ?? (o.Quick ? 100 : 1000);
        o.HttpMaxConnections = httpCap switch
        {
            null => o.Sessions + 8,
            0 => null,
            var n => n,
        };
        o.Hold = TimeSpan.FromSeconds(hold ?? (o.Quick ? 30 : 300));
        return o;
    }

    private static int PositiveInt(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive whole number, not '{value}'.");
}
