using System.Net;
using System.Net.Sockets;

namespace TestHarness.Processes;

/// <summary>Hands out free loopback TCP ports, never the same one twice in a process, so parallel harnesses do not collide.</summary>
public static class PortAllocator
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Given = [];

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on right now.</summary>
    public static int Next()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Given.Add(port))
                {
                    return port;
                }
            }

            throw new HarnessException("Could not find a free loopback TCP port after 100 attempts.");
        }
    }

    /// <summary>A block of <paramref name="count"/> consecutive free UDP/TCP ports starting at or above <paramref name="from"/> (for RTP ranges).</summary>
    public static int NextRange(int count, int from = 20000)
    {
        lock (Gate)
        {
            var rng = Random.Shared;
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var start = from + (rng.Next(0, (40000 - count) / count) * count);
                var range = Enumerable.Range(start, count).ToArray();
                if (range.Any(Given.Contains))
                {
                    continue;
                }

                foreach (var p in range)
                {
                    Given.Add(p);
                }

                return start;
            }

            throw new HarnessException($"Could not reserve {count} consecutive ports.");
        }
    }
}
