using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace TestHarness.Processes;

/// <summary>
/// A server started as a child process: output captured (last lines kept for error messages, all lines to an
/// optional log file), readiness polling that fails fast when the process dies, and a stop that always ends the
/// whole process tree.
/// </summary>
public sealed partial class ChildProcess : IAsyncDisposable
{
    private const int KeptLines = 200;
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Lock _tailGate = new();
    private readonly StreamWriter? _log;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stopped;

    private ChildProcess(string name, Process process, StreamWriter? log)
    {
        Name = name;
        _process = process;
        _log = log;
    }

    /// <summary>A short name used in messages ("dovecot", "janus").</summary>
    public string Name { get; }

    /// <summary>The operating-system process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Completes when the process has exited.</summary>
    public Task Exited => _exited.Task;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>The process's exit code, once it has exited.</summary>
    public int? ExitCode => HasExited ? _process.ExitCode : null;

    /// <summary>Raised for every line the process prints on stdout or stderr.</summary>
    public event Action<string>? OutputLine;

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/>; <paramref name="standardInput"/>, if given,
    /// is written to its stdin before stdin is closed (e.g. a password read once at start).
    /// </summary>
    public static ChildProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? logFile = null,
        string? standardInput = null)
    {
        var psi = CreateStartInfo(fileName, arguments, workingDirectory, environment);

        var log = logFile is null ? null : new StreamWriter(logFile, append: true, Encoding.UTF8) { AutoFlush = true };
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process, log);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Exited += (_, _) => child._exited.TrySetResult();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            log?.Dispose();
            throw new HarnessException($"Could not start {name} ({fileName}): {ex.Message}", ex);
        }

        if (standardInput is not null)
        {
            try
            {
                process.StandardInput.Write(standardInput);
            }
            catch (IOException)
            {
                // The process exited before reading its input; its output says why.
            }
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        PidRegistry.Add(process.Id, name);
        return child;
    }

    /// <summary>The last lines the process printed, for error messages.</summary>
    public string OutputTail(int lines = 40)
    {
        lock (_tailGate)
        {
            return string.Join('\n', _tail.Skip(Math.Max(0, _tail.Count - lines)));
        }
    }

    /// <summary>
    /// Polls <paramref name="ready"/> until it returns true. Throws a <see cref="HarnessException"/> with the
    /// process's last output if the process exits first or <paramref name="timeout"/> passes.
    /// </summary>
    public async Task WaitUntilReadyAsync(Func<CancellationToken, Task<bool>> ready, TimeSpan timeout, string what, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (HasExited)
            {
                await DrainOutputAsync().ConfigureAwait(false);
                throw new HarnessException($"{Name} exited with code {_process.ExitCode} before {what}. Its last output:\n{OutputTail()}");
            }

            try
            {
                if (await ready(cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Not ready yet: the server is still starting.
            }

            if (deadline.Elapsed > timeout)
            {
                throw new HarnessException($"{Name} did not get ready ({what}) within {timeout.TotalSeconds:0} s. Its last output:\n{OutputTail()}");
            }

            await Task.WhenAny(Task.Delay(delay, cancellationToken), Exited).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(250, delay.TotalMilliseconds * 1.5));
        }
    }

    /// <summary>Waits until a printed line satisfies <paramref name="match"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(string line)
        {
            if (match(line))
            {
                found.TrySetResult(line);
            }
        }

        OutputLine += Handler;
        try
        {
            lock (_tailGate)
            {
                foreach (var line in _tail.Where(match))
                {
                    found.TrySetResult(line);
                }
            }

            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(timeout);
            var done = await Task.WhenAny(found.Task, Exited, Task.Delay(Timeout.Infinite, cts.Token)).ConfigureAwait(false);
            if (done == found.Task)
            {
                return await found.Task.ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (HasExited)
            {
                await DrainOutputAsync().ConfigureAwait(false);
            }

            var why = HasExited ? $"exited with code {_process.ExitCode}" : $"printed no such line within {timeout.TotalSeconds:0} s";
            throw new HarnessException($"{Name} {why}. Its last output:\n{OutputTail()}");
        }
        finally
        {
            OutputLine -= Handler;
        }
    }

    /// <summary>Asks the process to stop with SIGTERM, then kills the whole tree after <paramref name="grace"/>. Idempotent.</summary>
    public async Task StopAsync(TimeSpan? grace = null)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            await Exited.ConfigureAwait(false);
            return;
        }

        try
        {
            // Children orphaned by a parent that exits on SIGTERM are re-parented and no longer found from it,
            // so remember the whole tree before asking it to stop.
            var tree = HasExited ? [] : Descendants(_process.Id);
            if (!HasExited)
            {
                _ = Kill(_process.Id, 15);
                await Task.WhenAny(Exited, Task.Delay(grace ?? TimeSpan.FromSeconds(5))).ConfigureAwait(false);
            }

            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            foreach (var pid in tree)
            {
                _ = Kill(pid, 9);
            }

            await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
        }
        finally
        {
            PidRegistry.Remove(_process.Id);
            _log?.Dispose();
            _process.Dispose();
        }
    }

    /// <summary>Waits (briefly) until the exited process's last output has been read, so error messages include it.</summary>
    private async Task DrainOutputAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            // With redirected streams this also waits for their end.
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A grandchild keeps the pipe open; report what arrived.
        }
    }

    /// <summary>Sends a signal (e.g. 9 to simulate a crash, 1 to reload) without waiting.</summary>
    public bool Signal(int signal) => !HasExited && Kill(_process.Id, signal) == 0;

    public ValueTask DisposeAsync() => new(StopAsync());

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tailGate)
        {
            _tail.Enqueue(line);
            if (_tail.Count > KeptLines)
            {
                _tail.Dequeue();
            }

            try
            {
                _log?.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }

        OutputLine?.Invoke(line);
    }

    /// <summary>Runs a short command to completion and returns its output; throws with the output if it fails.</summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null, IReadOnlyDictionary<string, string?>? environment = null, string? stdin = null, CancellationToken cancellationToken = default)
    {
        var args = arguments.ToList();
        var result = await ExecuteAsync(fileName, args, timeout, environment, stdin, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new HarnessException($"'{fileName} {string.Join(' ', args)}' failed with exit code {result.ExitCode}:\n{result.Error}{result.Output}");
        }

        return result.Output;
    }

    /// <summary>
    /// Runs a short command to completion and returns how it ended, whatever its exit code (some tools use exit codes
    /// for answers). Throws a <see cref="HarnessException"/> if it runs longer than <paramref name="timeout"/> (default 2 minutes),
    /// adding <paramref name="timeoutHint"/> to say what probably hangs.
    /// </summary>
    public static async Task<CommandResult> ExecuteAsync(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null, IReadOnlyDictionary<string, string?>? environment = null, string? stdin = null, string? timeoutHint = null, CancellationToken cancellationToken = default)
    {
        var psi = CreateStartInfo(fileName, arguments, workingDirectory: null, environment);
        using var process = Process.Start(psi) ?? throw new HarnessException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The command exited without reading its input; its exit code and output say why.
        }

        var limit = timeout ?? TimeSpan.FromMinutes(2);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new HarnessException($"'{fileName} {string.Join(' ', psi.ArgumentList)}' did not finish within {limit.TotalSeconds:0} s{(timeoutHint is null ? "." : ": " + timeoutHint)}");
        }

        return new CommandResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    private static ProcessStartInfo CreateStartInfo(string fileName, IEnumerable<string> arguments, string? workingDirectory, IReadOnlyDictionary<string, string?>? environment)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
        {
            if (v is null)
            {
                psi.Environment.Remove(k);
            }
            else
            {
                psi.Environment[k] = v;
            }
        }

        return psi;
    }

    /// <summary>All descendants of <paramref name="root"/>, read from /proc.</summary>
    internal static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ppid = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
                if (!parents.TryGetValue(ppid, out var kids))
                {
                    parents[ppid] = kids = [];
                }

                kids.Add(pid);
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        var result = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var p))
        {
            if (parents.TryGetValue(p, out var kids))
            {
                foreach (var k in kids)
                {
                    result.Add(k);
                    queue.Enqueue(k);
                }
            }
        }

        return result;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
