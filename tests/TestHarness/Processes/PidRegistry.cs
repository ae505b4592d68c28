using System.Globalization;

namespace TestHarness.Processes;

/// <summary>
/// Records the servers the harnesses start in HARNESS_PID_DIR (set by './run'), so a test host that dies before its
/// disposers run still leaves a list that './run' uses to stop exactly those processes (the start time guards
/// against a recycled PID).
/// </summary>
public static class PidRegistry
{
    private static string? Folder => Environment.GetEnvironmentVariable("HARNESS_PID_DIR") is { Length: > 0 } dir ? dir : null;

    /// <summary>Remembers <paramref name="pid"/> as started by a harness.</summary>
    public static void Add(int pid, string name)
    {
        if (Folder is not { } dir)
        {
            return;
        }

        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, pid.ToString(CultureInfo.InvariantCulture)), $"{StartTime(pid)}\n{name}\n");
    }

    /// <summary>Forgets <paramref name="pid"/> once it has been stopped.</summary>
    public static void Remove(int pid)
    {
        if (Folder is not { } dir)
        {
            return;
        }

        File.Delete(Path.Combine(dir, pid.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The process's start time in clock ticks since boot (field 22 of /proc/PID/stat), or "?" if it is gone.</summary>
    private static string StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
