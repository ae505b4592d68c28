namespace TestHarness.Processes;

/// <summary>
/// Records the PIDs of servers the harnesses start in HARNESS_PID_DIR (set by './run'), so a test host that dies
/// before its disposers run still leaves a list that './run' uses to stop exactly those processes.
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
        File.WriteAllText(Path.Combine(dir, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)), name + "\n");
    }

    /// <summary>Forgets <paramref name="pid"/> once it has been stopped.</summary>
    public static void Remove(int pid)
    {
        if (Folder is not { } dir)
        {
            return;
        }

        File.Delete(Path.Combine(dir, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
