using System.Diagnostics;
using System.Globalization;

namespace ImapMcp.Bench;

/// <summary>
/// The notmuch baseline (Debian's notmuch) over a hard-linked copy of Dovecot's Maildir (message files only, so it never
/// trips over Dovecot's index files), optionally a subset spread evenly over every folder and date.
/// </summary>
internal sealed class Notmuch : IDisposable
{
    private readonly string _root;
    private readonly string _config;

    private Notmuch(string root, string config, int messages)
    {
        _root = root;
        _config = config;
        Messages = messages;
    }

    /// <summary>How many message files notmuch was given.</summary>
    public int Messages { get; }

    /// <summary>The time of <c>notmuch new</c> over those files.</summary>
    public TimeSpan IndexTime { get; private set; }

    public static async Task<Notmuch> PrepareAsync(string maildir, string workFolder, int? subset, IReadOnlyList<string> ownerAddresses, CancellationToken cancellationToken)
    {
        var root = Path.Combine(workFolder, "notmuch-" + Guid.NewGuid().ToString("N")[..8]);
        var mail = Path.Combine(root, "mail");
        Directory.CreateDirectory(root);
        var (code, _, error) = await RunAsync("cp", ["-al", maildir, mail], null, cancellationToken);
        if (code != 0)
            throw new InvalidOperationException("cp -al failed: " + error);

        var files = new List<string>();
        foreach (var file in Directory.EnumerateFiles(mail, "*", SearchOption.AllDirectories))
        {
            var parent = Path.GetFileName(Path.GetDirectoryName(file));
            if (parent is "cur" or "new")
                files.Add(file);
            else
                File.Delete(file);
        }

        files.Sort(StringComparer.Ordinal);
        var keep = files.Count;
        if (subset is { } n && n < files.Count)
        {
            keep = 0;
            for (var i = 0; i < files.Count; i++)
            {
                if ((long)(i + 1) * n / files.Count > (long)i * n / files.Count)
                    keep++;
                else
                    File.Delete(files[i]);
            }
        }

        var config = Path.Combine(root, "notmuch-config");
        await File.WriteAllTextAsync(config, $"""
            [database]
            path={Path.Combine(root, "db")}
            mail_root={mail}
            [user]
            name=Alex Morgan
            primary_email={ownerAddresses[0]}
            other_email={string.Join(';', ownerAddresses.Skip(1))}
            [new]
            tags=inbox;
            ignore=
            [search]
            exclude_tags=
            [maildir]
            synchronize_flags=true
            [index]
            header.List=List-Id

            """, cancellationToken);
        Directory.CreateDirectory(Path.Combine(root, "db"));
        return new Notmuch(root, config, keep);
    }

    /// <summary>Runs <c>notmuch new</c> and checks it indexed every file.</summary>
    public async Task IndexAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (code, output, error) = await RunAsync("notmuch", ["new", "--quiet"], _config, cancellationToken);
        IndexTime = clock.Elapsed;
        if (code != 0)
            throw new InvalidOperationException($"notmuch new failed ({code}): {error}{output}");
        var count = await CountAsync("*", cancellationToken);
        if (count != Messages)
            Console.Error.WriteLine($"    notmuch indexed {count:N0} messages of {Messages:N0} files ({error.Trim()})");
    }

    public async Task<int> CountAsync(string query, CancellationToken cancellationToken)
    {
        var (code, output, error) = await RunAsync("notmuch", ["count", query], _config, cancellationToken);
        return code == 0 ? int.Parse(output.Trim(), CultureInfo.InvariantCulture) : throw new InvalidOperationException($"notmuch count '{query}' failed: {error}");
    }

    /// <summary>Times <c>notmuch search --limit=20 QUERY</c> (a whole process, as a script or an assistant would run it).</summary>
    public async Task<(List<double> Samples, int Lines)> SearchAsync(string query, int runs, CancellationToken cancellationToken)
    {
        var samples = new List<double>(runs);
        var lines = 0;
        for (var i = -1; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var (code, output, error) = await RunAsync("notmuch", ["search", "--limit=20", query], _config, cancellationToken);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (code != 0)
                throw new InvalidOperationException($"notmuch search '{query}' failed: {error}");
            lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            if (i >= 0)
                samples.Add(ms);
        }

        return (samples, lines);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string file, IEnumerable<string> arguments, string? config, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        if (config is not null)
            start.Environment["NOTMUCH_CONFIG"] = config;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
