using System.Diagnostics;
using System.Globalization;
using ImapMcp.Bench;
using ImapMcp.Mail;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Query;
using ImapMcp.Mail.Secrets;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using TestHarness.Dovecot;
using TestHarness.Mail;

namespace ImapMcp.Mcp.Bench;

/// <summary>
/// Builds a cache of a generated mailbox once, then measures the built imap-mcp over stdio: server start to completed
/// handshake, and tool calls end to end; each tool shape next to the same engine call made in-process on the same cache.
/// </summary>
internal static class McpBenchmark
{
    private const double HandshakeTargetMs = 500;
    private const double CallTargetMs = 100;

    public static async Task<int> RunAsync(McpBenchOptions options, CancellationToken ct)
    {
        var root = FindRoot();
        var plain = Path.Combine(root, "src", "ImapMcp", "bin", "Release", "net10.0", "imap-mcp.dll");
        var published = Path.Combine(root, "artifacts", "imap-mcp", "imap-mcp.dll");
        // The ReadyToRun publish of ./run build, unless older than the plain build (a build without the publish since).
        var dll = options.Server ?? (File.Exists(published) && File.GetLastWriteTimeUtc(published) >= File.GetLastWriteTimeUtc(plain) ? published : plain);
        foreach (var needed in new[] { dll, plain }.Where(d => !File.Exists(d)))
        {
            await Console.Error.WriteLineAsync($"{needed} is missing: run ./run build first.");
            return 1;
        }

        // The server measured, the plain build as the baseline next to it, and one row per --try-env; starts alternate.
        var serverLabel = dll == published ? "ReadyToRun publish" : dll == plain ? "plain build" : Path.GetRelativePath(root, dll);
        var variants = new List<(string Label, string Dll, (string Name, string Value)[] Env)> { (serverLabel, dll, []) };
        if (dll != plain)
            variants.Add(("plain build (baseline)", plain, []));
        variants.AddRange(options.TryEnvironment.Select(e => ($"{serverLabel}, {e.Name}={e.Value}", dll, new[] { e })));

        var work = Path.Combine(options.CacheDirectory ?? Path.GetTempPath(), "imap-mcp-mcp-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);
        var lines = new List<string>();
        var loadBefore = Load();
        try
        {
            // The server runs on the system clock: the mailbox's "now" is the real one, so "last 2 weeks" means something.
            var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            Step($"Generating {options.Messages:N0} messages");
            var mailbox = MailboxGenerator.Generate(new MailboxSpec { Count = options.Messages, Seed = options.Seed, Now = now });
            await using var dovecot = await DovecotServer.StartAsync(new DovecotOptions(), ct);
            Step("Loading the Maildir");
            await dovecot.LoadAsync(mailbox, ct);

            var config = Path.Combine(work, "config.json");
            await File.WriteAllTextAsync(config, $$"""
                { "accounts": [ { "name": "bench", "host": "127.0.0.1", "port": {{dovecot.Port}}, "security": "none",
                                  "username": "{{dovecot.UserName}}", "addresses": ["{{mailbox.OwnerAddresses[0]}}", "{{mailbox.OwnerAddresses[1]}}"],
                                  "cache": "bench.db" } ] }
                """, ct);
            var settings = (await MailConfiguration.LoadAsync(config, ct)).Accounts[0];
            var secrets = new MemorySecretStore();
            await secrets.SetAsync("bench", SecretKinds.Password, dovecot.Password, ct);

            Step("Building the cache (full sync: headers, bodies, FTS)");
            var sync = Stopwatch.StartNew();
            using (var syncing = await MailAccount.OpenAsync(settings, secrets, TimeProvider.System, null, ct))
                await syncing.SyncAsync(null, null, ct);
            sync.Stop();
            var cacheBytes = new DirectoryInfo(work).GetFiles("bench.db*").Sum(f => f.Length);

            using var engine = await MailAccount.OpenAsync(settings, secrets, TimeProvider.System, null, ct);
            var env = new Dictionary<string, string?> { ["IMAP_MCP_PASSWORD_BENCH"] = dovecot.Password, ["DBUS_SESSION_BUS_ADDRESS"] = null };
            StdioClientTransport Transport(params string[] extra) => TransportOf(dll, [], extra);
            StdioClientTransport TransportOf(string server, (string Name, string Value)[] more, params string[] extra) => new(new StdioClientTransportOptions
            {
                Name = "imap-mcp",
                Command = "dotnet",
                Arguments = [server, "--config", config, .. extra],
                WorkingDirectory = work,
                EnvironmentVariables = more.Length == 0 ? env : new Dictionary<string, string?>(env.Concat(more.Select(m => KeyValuePair.Create(m.Name, (string?)m.Value)))),
                StandardErrorLines = _ => { },
            });

            Step("Timing the executable's start (dotnet imap-mcp.dll --help) as the handshake's floor");
            var floor = new List<double>();
            for (var i = 0; i < options.Handshakes; i++)
                floor.Add(await RunToExitAsync(dll, work, ct));

            Step($"Timing {options.Handshakes} server starts to a completed MCP handshake (--no-sync), each of: {string.Join("; ", variants.Select(v => v.Label))}");
            var handshakes = variants.Select(_ => new List<double>()).ToArray();
            var firstCalls = variants.Select(_ => new List<double>()).ToArray();
            for (var i = 0; i < options.Handshakes; i++)
            {
                for (var v = 0; v < variants.Count; v++)
                {
                    var clock = Stopwatch.StartNew();
                    await using var c = await McpClient.CreateAsync(TransportOf(variants[v].Dll, variants[v].Env, "--no-sync"), cancellationToken: ct);
                    handshakes[v].Add(clock.Elapsed.TotalMilliseconds);
                    clock.Restart();
                    Check(await c.CallToolAsync("search", new Dictionary<string, object?> { ["query"] = "is:unread" }, cancellationToken: ct));
                    firstCalls[v].Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            var rows = new List<(Shape Shape, Percentiles Mcp, Percentiles Engine, double EngineCpu)>();
            double syncingHandshake = 0;
            double syncingCall = 0;
            if (!options.HandshakeOnly)
            {
                Step("Timing one start with background sync on (the default): the handshake must not wait for it");
                {
                    var clock = Stopwatch.StartNew();
                    await using var c = await McpClient.CreateAsync(Transport(), cancellationToken: ct);
                    syncingHandshake = clock.Elapsed.TotalMilliseconds;
                    clock.Restart();
                    Check(await c.CallToolAsync("search", new Dictionary<string, object?> { ["query"] = "is:unread" }, cancellationToken: ct));
                    syncingCall = clock.Elapsed.TotalMilliseconds;
                }

                Step("Timing tool calls over one session, each shape next to its engine call in-process");
                await using var client = await McpClient.CreateAsync(Transport("--no-sync"), cancellationToken: ct);
                foreach (var shape in Shapes())
                {
                    for (var i = 0; i < 3; i++)
                    {
                        await shape.Engine(engine, ct);
                        Check(await client.CallToolAsync(shape.Tool, shape.Arguments, cancellationToken: ct));
                    }

                    var mcp = new List<double>();
                    var inProcess = new List<double>();
                    var cpu = TimeSpan.Zero;
                    for (var i = 0; i < options.Runs; i++)
                    {
                        // The engine's CPU time per call (this process, whose other threads wait meanwhile): unlike the
                        // clock, it barely moves with the load of a shared machine.
                        var cpuBefore = Environment.CpuUsage.TotalTime;
                        var clock = Stopwatch.StartNew();
                        await shape.Engine(engine, ct);
                        inProcess.Add(clock.Elapsed.TotalMilliseconds);
                        cpu += Environment.CpuUsage.TotalTime - cpuBefore;
                        clock.Restart();
                        Check(await client.CallToolAsync(shape.Tool, shape.Arguments, cancellationToken: ct));
                        mcp.Add(clock.Elapsed.TotalMilliseconds);
                    }

                    rows.Add((shape, new Percentiles(mcp), new Percentiles(inProcess), cpu.TotalMilliseconds / options.Runs));
                    Step($"  {shape.Label}: MCP p95 {new Percentiles(mcp).P95:0.0} ms, engine p95 {new Percentiles(inProcess).P95:0.0} ms, engine CPU {cpu.TotalMilliseconds / options.Runs:0.0} ms per call");
                }
            }

            var f = new Percentiles(floor);
            lines.Add($"- Command: `./run bench Mcp{(options.CommandLine.Length > 0 ? " " + options.CommandLine : "")}`; imap-mcp revision {Revision(root)}; {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"- Data: {options.Messages:N0} generated messages (seed {options.Seed}), cache {cacheBytes / 1048576.0:0} MB on {(options.CacheDirectory ?? Path.GetTempPath())}, built by a full sync in {sync.Elapsed.TotalSeconds:0.0} s (not part of the figures)"));
            lines.Add($"- Machine: {Environment.ProcessorCount} cores, load average before {loadBefore}, after {Load()} (shared machine: other helpers' builds and tests run too)");
            lines.Add($"- Server: `dotnet {Path.GetRelativePath(root, dll)} --config FILE --no-sync` ({serverLabel}) over stdio, driven by the SDK's McpClient (ModelContextProtocol 2.4.0); {options.Runs} timed calls per shape after 3 warm-ups, alternating with the in-process engine call on the same cache file");
            lines.Add("");
            lines.Add("| Measure | imap-mcp over stdio p50 / p95 | Baseline (same run) p50 / p95 | Target | Met |");
            lines.Add("|---|---|---|---|---|");
            for (var v = 0; v < variants.Count; v++)
            {
                var h = new Percentiles(handshakes[v]);
                var first = new Percentiles(firstCalls[v]);
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"| Server start to completed handshake, {variants[v].Label} ({h.Count} starts) | {h.P50:0} / {h.P95:0} ms | `dotnet imap-mcp.dll --help` start to exit {f.P50:0} / {f.P95:0} ms | ≤ {HandshakeTargetMs:0} ms | {Met(h.P95 <= HandshakeTargetMs)} |"));
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"| First tool call after the handshake, {variants[v].Label} (search is:unread) | {first.P50:0} / {first.P95:0} ms | — | — | — |"));
            }

            if (!options.HandshakeOnly)
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"| Handshake with background sync on, {serverLabel} (1 start) | {syncingHandshake:0} ms; first search meanwhile {syncingCall:0} ms | — | ≤ {HandshakeTargetMs:0} ms | {Met(syncingHandshake <= HandshakeTargetMs)} |"));
            foreach (var (shape, mcp, inProcess, engineCpu) in rows)
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"| `{shape.Tool}` {shape.Label} | {mcp.P50:0.0} / {mcp.P95:0.0} ms | engine in-process {inProcess.P50:0.0} / {inProcess.P95:0.0} ms, CPU {engineCpu:0.0} ms per call | ≤ {CallTargetMs:0} ms p95 | {Met(mcp.P95 <= CallTargetMs)} |"));
            lines.Add("");
            if (rows.Count > 0)
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"- MCP overhead per call (p50 of MCP minus p50 of engine, over the shapes): {rows.Min(r => r.Mcp.P50 - r.Engine.P50):0.0} to {rows.Max(r => r.Mcp.P50 - r.Engine.P50):0.0} ms: JSON-RPC over the pipes, argument binding, freshness, the text rendering and the structured JSON."));

            var markdown = string.Join('\n', lines) + "\n";
            var output = options.Output ?? Path.Combine(root, "artifacts", "bench", "imap-mcp-mcp.md");
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            await File.WriteAllTextAsync(output, markdown, ct);
            Console.WriteLine(markdown);
            Step($"Written to {output}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (options.KeepCache)
                Step($"Cache kept in {work}");
            else
                Directory.Delete(work, recursive: true);
        }
    }

    private sealed record Shape(string Label, string Tool, Dictionary<string, object?> Arguments, Func<MailAccount, CancellationToken, Task> Engine);

    private static IEnumerable<Shape> Shapes()
    {
        Shape Search(string label, string query) => new(label, "search", new() { ["query"] = query, ["limit"] = 20 },
            (a, ct) => a.Queries.SearchAsync(query, new QueryOptions { Limit = 20 }, ct));
        var twoWeeks = MailPeriod.Parse("2w");
        var sixMonths = MailPeriod.Parse("6m");
        yield return Search("sender + phrase: from:ieee.org \"reviewer panel\"", "from:ieee.org \"reviewer panel\"");
        yield return Search("unread, newest 20: is:unread", "is:unread");
        yield return Search("list + age: list:github older_than:3m", "list:github older_than:3m");
        yield return Search("full-text word: invoice", "invoice");
        yield return Search("everything, newest 20: (empty query)", "");
        yield return new("2w (limit 50)", "unreplied", new() { ["since"] = "2w", ["limit"] = 50 },
            (a, ct) => a.Queries.GetUnrepliedAsync(twoWeeks.Before(DateTimeOffset.UtcNow), 50, ct));
        yield return new("6m, top 20", "top_senders", new() { ["since"] = "6m", ["limit"] = 20 },
            (a, ct) => a.Analytics.GetTopSendersAsync(sixMonths.Before(DateTimeOffset.UtcNow), 20, ct));
        yield return new("6m, top 20", "top_domains", new() { ["since"] = "6m", ["limit"] = 20 },
            (a, ct) => a.Analytics.GetTopDomainsAsync(sixMonths.Before(DateTimeOffset.UtcNow), 20, ct));
        yield return new("6m", "automation_share", new() { ["since"] = "6m" },
            (a, ct) => a.Analytics.GetAutomationShareAsync(sixMonths.Before(DateTimeOffset.UtcNow), ct));
        yield return new("6m, 3+ messages", "never_opened_senders", new() { ["since"] = "6m" },
            (a, ct) => a.Analytics.GetNeverOpenedSendersAsync(sixMonths.Before(DateTimeOffset.UtcNow), 3, 50, ct));
        yield return new("6m (categories; folder counts cached by the server)", "mailbox_overview", new() { ["since"] = "6m" },
            (a, ct) => a.Analytics.GetVolumeByCategoryAsync(sixMonths.Before(DateTimeOffset.UtcNow), ct));
    }

    private static void Check(CallToolResult result)
    {
        if (result.IsError == true)
            throw new InvalidOperationException("tool failed: " + string.Join('\n', result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
    }

    private static async Task<double> RunToExitAsync(string dll, string work, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--help");
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        await output;
        return clock.Elapsed.TotalMilliseconds;
    }

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string Revision(string root)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", root, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true };
            using var p = Process.Start(start)!;
            return p.StandardOutput.ReadToEnd().Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Products.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Products.slnx not found above " + AppContext.BaseDirectory);
    }

    private static void Step(string text) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss}] {text}"));
}
