using System.Globalization;
using TestHarness.Processes;

namespace TestHarness.Network;

/// <summary>
/// A private network namespace for real-media tests: its own loopback plus a veth end <c>jv0</c> holding 127.0.0.2
/// (Janus never gathers ICE candidates on a loopback-type interface), processes started inside it, and TCP bridges
/// between its 127.0.0.1 and the test's. The namespace lives as long as its holder process and leaves nothing in
/// /run/netns; disposing stops everything it started.
/// </summary>
/// <remarks>Needs root (unshare, nsenter, ip from util-linux and iproute2) and socat for the bridges.</remarks>
public sealed class NetworkNamespace : IAsyncDisposable
{
    /// <summary>The namespace end of the veth pair that carries <see cref="Address"/>.</summary>
    public const string InterfaceName = "jv0";

    /// <summary>The other end of the veth pair; it stays inside the namespace too.</summary>
    public const string PeerInterfaceName = "jv1";

    /// <summary>The address ICE candidates use inside the namespace.</summary>
    public const string Address = "127.0.0.2";

    private static readonly TimeSpan BridgeTimeout = TimeSpan.FromSeconds(10);
    private readonly TempFolder _folder;
    private readonly ChildProcess _holder;
    private readonly string _nsenter;
    private readonly string _socat;
    private readonly Lock _gate = new();
    private readonly List<ChildProcess> _started = [];
    private readonly Dictionary<int, Bridge> _bridges = [];
    private int _disposed;

    private NetworkNamespace(TempFolder folder, ChildProcess holder, string nsenter, string socat, string id)
    {
        _folder = folder;
        _holder = holder;
        _nsenter = nsenter;
        _socat = socat;
        Id = id;
    }

    /// <summary>The kernel's name for the namespace, as /proc/&lt;pid&gt;/ns/net shows it ("net:[4026532177]").</summary>
    public string Id { get; }

    /// <summary>The process that keeps the namespace alive (<c>sleep infinity</c> under <c>unshare -n</c>).</summary>
    public int HolderPid => _holder.Pid;

    /// <summary>The command that runs the words after it inside the namespace: <c>nsenter -t &lt;pid&gt; -n --</c>.</summary>
    public IReadOnlyList<string> EnterCommand => [_nsenter, "-t", HolderPid.ToString(CultureInfo.InvariantCulture), "-n", "--"];

    /// <summary>A folder private to this namespace's lifetime (bridge sockets, scripts); deleted on dispose.</summary>
    public string Folder => _folder.Path;

    /// <summary>Creates the namespace, brings <c>lo</c> up and adds the veth pair with <see cref="Address"/> on <see cref="InterfaceName"/>.</summary>
    public static async Task<NetworkNamespace> CreateAsync(CancellationToken cancellationToken = default)
    {
        var unshare = RequiredTool.Find("unshare", "util-linux");
        var nsenter = RequiredTool.Find("nsenter", "util-linux");
        var sleep = RequiredTool.Find("sleep", "coreutils");
        var socat = RequiredTool.Find("socat", "socat");
        RequiredTool.Find("ip", "iproute2");

        var folder = TempFolder.Create("netns");
        ChildProcess? holder = null;
        try
        {
            holder = ChildProcess.Start("netns-holder", unshare, ["--net", "--", sleep, "infinity"]);
            var rootId = NamespaceOf("self");
            string? id = null;
            var started = holder;
            await holder.WaitUntilReadyAsync(
                _ =>
                {
                    id = NamespaceOf(started.Pid.ToString(CultureInfo.InvariantCulture));
                    return Task.FromResult(id is not null && id != rootId);
                },
                TimeSpan.FromSeconds(10),
                "its own network namespace (this needs root: unshare -n)",
                cancellationToken).ConfigureAwait(false);

            var ns = new NetworkNamespace(folder, holder, nsenter, socat, id!);
            try
            {
                await ns.IpAsync(["link", "set", "lo", "up"], cancellationToken).ConfigureAwait(false);
                await ns.IpAsync(["link", "add", InterfaceName, "type", "veth", "peer", "name", PeerInterfaceName], cancellationToken).ConfigureAwait(false);
                await ns.IpAsync(["link", "set", InterfaceName, "up"], cancellationToken).ConfigureAwait(false);
                await ns.IpAsync(["link", "set", PeerInterfaceName, "up"], cancellationToken).ConfigureAwait(false);
                await ns.IpAsync(["addr", "add", Address + "/32", "dev", InterfaceName], cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await ns.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            return ns;
        }
        catch
        {
            if (holder is not null)
            {
                await holder.StopAsync(TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
            }

            folder.Dispose();
            throw;
        }
    }

    /// <summary>Starts a long-running process inside the namespace; it is also stopped when the namespace is disposed.</summary>
    public ChildProcess StartProcess(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? logFile = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var enter = EnterCommand;
        var child = ChildProcess.Start(name, enter[0], [.. enter.Skip(1), fileName, .. arguments], workingDirectory, environment, logFile);
        lock (_gate)
        {
            _started.Add(child);
        }

        return child;
    }

    /// <summary>Runs a short command inside the namespace and returns its output; throws a <see cref="HarnessException"/> if it fails.</summary>
    public Task<string> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var enter = EnterCommand;
        return ChildProcess.RunAsync(enter[0], [.. enter.Skip(1), fileName, .. arguments], timeout, cancellationToken: cancellationToken);
    }

    /// <summary>True if something listens on TCP <paramref name="port"/> inside the namespace.</summary>
    public bool IsListening(int port) => ListeningSockets.IsListening(HolderPid, port);

    /// <summary>
    /// Makes the namespace's 127.0.0.1:<paramref name="portInNamespace"/> reachable from the test's namespace and returns
    /// the 127.0.0.1 port to use there (by default the same number, so one URL works on both sides).
    /// </summary>
    public async Task<int> ExposeAsync(int portInNamespace, int? rootPort = null, CancellationToken cancellationToken = default)
    {
        var outside = rootPort ?? portInNamespace;
        var socket = SocketPath("expose", outside);
        var bridge = Reserve(outside);
        var inner = bridge.Inside = StartBridgeProcess($"bridge-in:{portInNamespace}", inside: true,
            $"UNIX-LISTEN:{socket},fork,unlink-early,mode=600", $"TCP4:127.0.0.1:{portInNamespace}");
        var outer = bridge.Outside = StartBridgeProcess($"bridge-out:{outside}", inside: false,
            $"TCP4-LISTEN:{outside},bind=127.0.0.1,fork,reuseaddr", $"UNIX-CONNECT:{socket}");
        try
        {
            await inner.WaitUntilReadyAsync(_ => Task.FromResult(File.Exists(socket)), BridgeTimeout, $"its socket {socket}", cancellationToken).ConfigureAwait(false);
            await outer.WaitUntilReadyAsync(_ => Task.FromResult(ListeningSockets.IsListening(0, outside)), BridgeTimeout, $"listening on 127.0.0.1:{outside}", cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await CloseBridgeAsync(outside).ConfigureAwait(false);
            throw;
        }

        return outside;
    }

    /// <summary>
    /// Makes the test namespace's 127.0.0.1:<paramref name="rootPort"/> reachable from inside the namespace and returns the
    /// 127.0.0.1 port to use in there (by default the same number), e.g. for an event handler posting to the test.
    /// </summary>
    public async Task<int> ReverseAsync(int rootPort, int? portInNamespace = null, CancellationToken cancellationToken = default)
    {
        var inside = portInNamespace ?? rootPort;
        var socket = SocketPath("reverse", inside);
        var bridge = Reserve(inside);
        var outer = bridge.Outside = StartBridgeProcess($"bridge-out:{rootPort}", inside: false,
            $"UNIX-LISTEN:{socket},fork,unlink-early,mode=600", $"TCP4:127.0.0.1:{rootPort}");
        var inner = bridge.Inside = StartBridgeProcess($"bridge-in:{inside}", inside: true,
            $"TCP4-LISTEN:{inside},bind=127.0.0.1,fork,reuseaddr", $"UNIX-CONNECT:{socket}");
        try
        {
            await outer.WaitUntilReadyAsync(_ => Task.FromResult(File.Exists(socket)), BridgeTimeout, $"its socket {socket}", cancellationToken).ConfigureAwait(false);
            await inner.WaitUntilReadyAsync(_ => Task.FromResult(IsListening(inside)), BridgeTimeout, $"listening on 127.0.0.1:{inside} in the namespace", cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await CloseBridgeAsync(inside).ConfigureAwait(false);
            throw;
        }

        return inside;
    }

    /// <summary>Stops the bridge whose listening port (the one <see cref="ExposeAsync"/> or <see cref="ReverseAsync"/> returned) is <paramref name="port"/>.</summary>
    public async Task CloseBridgeAsync(int port)
    {
        Bridge? bridge;
        lock (_gate)
        {
            _bridges.Remove(port, out bridge);
        }

        if (bridge is not null)
        {
            await bridge.StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops every process and bridge started through the namespace, then the holder, so the kernel frees the namespace.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        ChildProcess[] started;
        Bridge[] bridges;
        lock (_gate)
        {
            started = [.. _started];
            bridges = [.. _bridges.Values];
            _started.Clear();
            _bridges.Clear();
        }

        await Task.WhenAll(bridges.Select(b => b.StopAsync()).Concat(started.Select(p => p.StopAsync(TimeSpan.FromSeconds(2))))).ConfigureAwait(false);
        await _holder.StopAsync(TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
        _folder.Dispose();
    }

    /// <summary>The network namespace of /proc/<paramref name="pid"/> ("self" for this process), or null if it is gone.</summary>
    internal static string? NamespaceOf(string pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/ns/net").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private Task IpAsync(string[] arguments, CancellationToken cancellationToken) =>
        RunAsync(RequiredTool.Find("ip", "iproute2"), arguments, TimeSpan.FromSeconds(10), cancellationToken);

    private string SocketPath(string kind, int port)
    {
        var path = Path.Combine(_folder.Path, $"{kind}-{port}.sock");
        if (path.Length > 100)
        {
            throw new HarnessException($"The bridge socket path '{path}' is too long for a Unix socket; point HARNESS_TMP at a shorter folder.");
        }

        return path;
    }

    private ChildProcess StartBridgeProcess(string name, bool inside, string listen, string connect)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);

        // Two -d: errors and warnings only; the captured output ends up in failure messages.
        string[] arguments = ["-d", "-d", listen, connect];
        var enter = EnterCommand;
        return inside
            ? ChildProcess.Start(name, enter[0], [.. enter.Skip(1), _socat, .. arguments])
            : ChildProcess.Start(name, _socat, arguments);
    }

    private Bridge Reserve(int port)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var bridge = new Bridge();
        lock (_gate)
        {
            if (!_bridges.TryAdd(port, bridge))
            {
                throw new HarnessException($"Port {port} is already bridged in this namespace.");
            }
        }

        return bridge;
    }

    private sealed class Bridge
    {
        public ChildProcess? Inside { get; set; }

        public ChildProcess? Outside { get; set; }

        public Task StopAsync() => Task.WhenAll(
            Inside?.StopAsync(TimeSpan.FromSeconds(1)) ?? Task.CompletedTask,
            Outside?.StopAsync(TimeSpan.FromSeconds(1)) ?? Task.CompletedTask);
    }
}
