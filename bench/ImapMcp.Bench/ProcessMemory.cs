using System.Globalization;

namespace ImapMcp.Bench;

/// <summary>Resident memory of a process from /proc (Linux): current (VmRSS) and peak (VmHWM), in bytes.</summary>
internal static class ProcessMemory
{
    public static long CurrentBytes(string pid = "self") => Read(pid, "VmRSS:");

    public static long PeakBytes(string pid = "self") => Read(pid, "VmHWM:");

    private static long Read(string pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith(field, StringComparison.Ordinal))
                    continue;
                var kb = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
            // The process is gone.
        }

        return -1;
    }
}
