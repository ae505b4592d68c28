using System.Globalization;

namespace TestHarness.Network;

/// <summary>
/// Reads which TCP ports are listening in the network namespace of a process, from /proc/&lt;pid&gt;/net/tcp{,6}.
/// Looking through a process's own /proc entry sees its namespace, so one check serves both sides of a bridge.
/// </summary>
internal static class ListeningSockets
{
    private const string ListenState = "0A";

    /// <summary>True if something listens on TCP <paramref name="port"/> in the namespace of <paramref name="pid"/> (0 = this process).</summary>
    public static bool IsListening(int pid, int port)
    {
        var proc = pid == 0 ? "self" : pid.ToString(CultureInfo.InvariantCulture);
        foreach (var table in new[] { "tcp", "tcp6" })
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines($"/proc/{proc}/net/{table}");
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var line in lines.Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 4 || fields[3] != ListenState)
                {
                    continue;
                }

                var local = fields[1];
                var colon = local.LastIndexOf(':');
                if (colon > 0 && int.TryParse(local.AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var p) && p == port)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
