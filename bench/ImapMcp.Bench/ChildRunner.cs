using System.Diagnostics;

namespace ImapMcp.Bench;

/// <summary>Starts this program again as an engine child and collects what it reports.</summary>
internal static class ChildRunner
{
    private static readonly string RunCacheKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static async Task<ChildResult> RunAsync(string password, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            FileName = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown."),
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
            start.ArgumentList.Add(typeof(EngineChild).Assembly.Location);
        start.ArgumentList.Add(EngineChild.Verb);
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        start.Environment[EngineChild.PasswordVariable] = password;
        // One random cache key for the whole run: every child is a new process with a new in-memory keychain, and the
        // queries child must open the encrypted cache the sync child wrote.
        start.Environment[EngineChild.CacheKeyVariable] = RunCacheKey;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The engine child did not start.");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                var parts = line.Split('\t', 3);
                if (parts.Length == 3 && parts[0] == "@")
                    values[parts[1]] = parts[2];
                else
                    await Console.Error.WriteLineAsync("    engine: " + line);
            }

            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Only this child, which this program started.
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ChildResult(process.ExitCode, clock.Elapsed, values);
    }
}
