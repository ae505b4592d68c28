using System.Globalization;

namespace JanusFleet.Janus.Bench;

/// <summary>CPU time, resident memory, threads and open files of a process, read from /proc.</summary>
internal sealed record ProcessSnapshot(TimeSpan Cpu, long RssBytes, int Threads, int OpenFiles)
{
    /// <summary>USER_HZ: /proc/&lt;pid&gt;/stat counts CPU time in these ticks (100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    public static ProcessSnapshot Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // Fields after the command name, which is in parentheses and may contain spaces: state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        long rss = 0;
        var threads = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1].Trim(), CultureInfo.InvariantCulture);
            }
        }

        var files = Directory.Exists($"/proc/{pid}/fd") ? Directory.GetFiles($"/proc/{pid}/fd").Length : 0;
        return new ProcessSnapshot(TimeSpan.FromSeconds(ticks / TicksPerSecond), rss, threads, files);
    }

    /// <summary>The machine's 1-minute load average.</summary>
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
