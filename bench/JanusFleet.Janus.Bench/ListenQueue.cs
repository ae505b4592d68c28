using System.Globalization;

namespace JanusFleet.Janus.Bench;

/// <summary>
/// How many connections wait in the kernel's accept queue of a 127.0.0.1 listening port: accepted by TCP but not yet by
/// the server. For a listening socket, /proc/net/tcp's rx_queue is that count.
/// </summary>
internal static class ListenQueue
{
    public static int Length(int port)
    {
        var local = "0100007F:" + port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length > 4 && f[1] == local && f[3] == "0A")
            {
                var rx = f[4].Split(':')[1];
                return int.Parse(rx, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
