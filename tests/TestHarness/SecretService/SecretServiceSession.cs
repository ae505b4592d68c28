using System.Security.Cryptography;
using TestHarness.Processes;
using TestHarness.SecretService.Internal;

namespace TestHarness.SecretService;

/// <summary>
/// A private D-Bus session bus with gnome-keyring providing org.freedesktop.secrets and an unlocked default ("login")
/// collection, in a temp HOME: what a desktop session gives a program, without a desktop and without prompts.
/// Pass <see cref="Environment"/> to the program under test, or connect to <see cref="BusAddress"/> directly.
/// </summary>
public sealed class SecretServiceSession : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder;
    private readonly ChildProcess _bus;
    private readonly ChildProcess _keyring;
    private readonly string _secretTool;
    private int _disposed;

    private SecretServiceSession(
        TempFolder folder,
        ChildProcess bus,
        ChildProcess keyring,
        string secretTool,
        string busAddress,
        IReadOnlyDictionary<string, string?> environment,
        string password,
        string collection)
    {
        _folder = folder;
        _bus = bus;
        _keyring = keyring;
        _secretTool = secretTool;
        BusAddress = busAddress;
        Environment = environment;
        KeyringPassword = password;
        DefaultCollection = collection;
    }

    /// <summary>The private bus's address, as DBUS_SESSION_BUS_ADDRESS expects it ("unix:path=…,guid=…").</summary>
    public string BusAddress { get; }

    /// <summary>
    /// The variables a child process needs to use this keyring as its session's (DBUS_SESSION_BUS_ADDRESS, HOME, XDG_*);
    /// null values remove a variable (DISPLAY, so no prompt ever reaches a real screen). Fits <see cref="ChildProcess.Start"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>The password that protects (and unlocks) the login keyring.</summary>
    public string KeyringPassword { get; }

    /// <summary>The D-Bus object path of the default collection (normally /org/freedesktop/secrets/collection/login).</summary>
    public string DefaultCollection { get; }

    /// <summary>The temp HOME the keyring keeps its files under.</summary>
    public string HomeDirectory => _folder.Combine("home");

    /// <summary>Starts the bus and the keyring and waits until the default collection is there and unlocked.</summary>
    public static async Task<SecretServiceSession> StartAsync(CancellationToken cancellationToken = default)
    {
        var dbusDaemon = RequiredTool.Find("dbus-daemon", "dbus");
        var keyringDaemon = RequiredTool.Find("gnome-keyring-daemon", "gnome-keyring");
        var secretTool = RequiredTool.Find("secret-tool", "libsecret-tools");
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var folder = TempFolder.Create("keyring");
        ChildProcess? bus = null;
        ChildProcess? keyring = null;
        try
        {
            var environment = CreateFolders(folder);
            var config = folder.Combine("bus.conf");
            await File.WriteAllTextAsync(config, BusConfig(folder.Combine("bus")), cancellationToken).ConfigureAwait(false);
            bus = ChildProcess.Start(
                "dbus-daemon", dbusDaemon, ["--config-file=" + config, "--nofork", "--print-address=1"], folder.Path, environment, folder.Combine("dbus-daemon.log"));
            var address = (await bus.WaitForLineAsync(l => l.StartsWith("unix:", StringComparison.Ordinal), StartTimeout, cancellationToken).ConfigureAwait(false)).Trim();
            environment["DBUS_SESSION_BUS_ADDRESS"] = address;

            // --unlock reads the login password from stdin up to EOF, and creates the login keyring with it on first start.
            keyring = ChildProcess.Start(
                "gnome-keyring-daemon",
                keyringDaemon,
                ["--foreground", "--unlock", "--components=secrets"],
                folder.Path,
                environment,
                folder.Combine("gnome-keyring.log"),
                standardInput: password);

            using var client = await SecretServiceBus.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
            await keyring.WaitUntilReadyAsync(client.ServiceIsOwnedAsync, StartTimeout, $"owning {SecretServiceBus.ServiceName} on its private bus", cancellationToken)
                .ConfigureAwait(false);
            var collection = await client.DefaultCollectionAsync(cancellationToken).ConfigureAwait(false)
                ?? await client.CreateDefaultCollectionAsync("Login", password, cancellationToken).ConfigureAwait(false);
            if (await client.IsLockedAsync(collection, cancellationToken).ConfigureAwait(false))
            {
                throw new HarnessException(
                    $"gnome-keyring started, but its default collection {collection} is locked, so every store would wait for a prompt. Its last output:\n{keyring.OutputTail()}");
            }

            return new SecretServiceSession(folder, bus, keyring, secretTool, address, environment, password, collection);
        }
        catch
        {
            await StopAsync(keyring, bus).ConfigureAwait(false);
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Stores <paramref name="secret"/> under <paramref name="attributes"/> in the default collection with secret-tool, as another program would.</summary>
    public async Task StoreAsync(string label, IReadOnlyDictionary<string, string> attributes, string secret, CancellationToken cancellationToken = default)
    {
        var result = await SecretToolAsync(["store", "--label=" + label, .. Pairs(attributes)], secret, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new HarnessException($"secret-tool could not store '{label}' (exit code {result.ExitCode}): {result.Complaint ?? result.Error.Trim()}");
        }
    }

    /// <summary>The secret stored under <paramref name="attributes"/>, or null when there is none (or the collection is locked).</summary>
    public async Task<string?> LookupAsync(IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken = default)
    {
        var result = await SecretToolAsync(["lookup", .. Pairs(attributes)], null, cancellationToken).ConfigureAwait(false);
        return result switch
        {
            { ExitCode: 0 } => result.Output,
            { ExitCode: 1, Complaint: null } => null,
            _ => throw new HarnessException($"secret-tool lookup failed (exit code {result.ExitCode}): {result.Complaint ?? result.Error.Trim()}"),
        };
    }

    /// <summary>Deletes every secret stored under <paramref name="attributes"/>; nothing to delete is fine.</summary>
    public async Task ClearAsync(IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken = default)
    {
        var result = await SecretToolAsync(["clear", .. Pairs(attributes)], null, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 && (result.ExitCode != 1 || result.Complaint is not null))
        {
            throw new HarnessException($"secret-tool clear failed (exit code {result.ExitCode}): {result.Complaint ?? result.Error.Trim()}");
        }
    }

    /// <summary>Locks the default collection, as a screen lock or "lock keyring" would: reads then find nothing and stores fail.</summary>
    public async Task LockAsync(CancellationToken cancellationToken = default)
    {
        using var client = await SecretServiceBus.ConnectAsync(BusAddress, cancellationToken).ConfigureAwait(false);
        await client.LockAsync(DefaultCollection, cancellationToken).ConfigureAwait(false);
        if (!await client.IsLockedAsync(DefaultCollection, cancellationToken).ConfigureAwait(false))
        {
            throw new HarnessException($"gnome-keyring did not lock {DefaultCollection}. Its last output:\n{_keyring.OutputTail()}");
        }
    }

    /// <summary>Unlocks the default collection with <see cref="KeyringPassword"/>, as logging in would; no prompt.</summary>
    public async Task UnlockAsync(CancellationToken cancellationToken = default)
    {
        using var client = await SecretServiceBus.ConnectAsync(BusAddress, cancellationToken).ConfigureAwait(false);
        await client.UnlockAsync(DefaultCollection, KeyringPassword, cancellationToken).ConfigureAwait(false);
        if (await client.IsLockedAsync(DefaultCollection, cancellationToken).ConfigureAwait(false))
        {
            throw new HarnessException($"gnome-keyring did not unlock {DefaultCollection}. Its last output:\n{_keyring.OutputTail()}");
        }
    }

    /// <summary>True while the default collection is locked.</summary>
    public async Task<bool> IsLockedAsync(CancellationToken cancellationToken = default)
    {
        using var client = await SecretServiceBus.ConnectAsync(BusAddress, cancellationToken).ConfigureAwait(false);
        return await client.IsLockedAsync(DefaultCollection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the keyring and the bus and deletes the temp HOME. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await StopAsync(_keyring, _bus).ConfigureAwait(false);
        }
        finally
        {
            _folder.Dispose();
        }
    }

    // The keyring first, so it never sees its bus vanish under it.
    private static async Task StopAsync(ChildProcess? keyring, ChildProcess? bus)
    {
        try
        {
            if (keyring is not null)
            {
                await keyring.StopAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            }
        }
        finally
        {
            if (bus is not null)
            {
                await bus.StopAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            }
        }
    }

    private Task<SecretTool.Result> SecretToolAsync(IEnumerable<string> arguments, string? standardInput, CancellationToken cancellationToken) =>
        SecretTool.RunAsync(_secretTool, arguments, Environment, standardInput, cancellationToken);

    private static IEnumerable<string> Pairs(IReadOnlyDictionary<string, string> attributes)
    {
        if (attributes.Count == 0)
        {
            throw new ArgumentException("At least one attribute is needed to find a secret again.", nameof(attributes));
        }

        return attributes.SelectMany(a => new[] { a.Key, a.Value });
    }

    private static Dictionary<string, string?> CreateFolders(TempFolder folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new HarnessException("The Secret Service harness needs Linux: D-Bus and gnome-keyring.");
        }

        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = folder.Combine("home"),
            ["XDG_RUNTIME_DIR"] = folder.Combine("runtime"),
            ["XDG_DATA_HOME"] = folder.Combine("home", ".local", "share"),
            ["XDG_CONFIG_HOME"] = folder.Combine("home", ".config"),
            ["XDG_CACHE_HOME"] = folder.Combine("home", ".cache"),
        };
        foreach (var path in environment.Values)
        {
            Directory.CreateDirectory(path!);
        }

        // libsecret and gnome-keyring refuse a runtime folder others can read.
        File.SetUnixFileMode(folder.Combine("runtime"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // Nothing of the machine's own session may leak in: no display for a prompter, no other keyring or bus.
        environment["DISPLAY"] = null;
        environment["WAYLAND_DISPLAY"] = null;
        environment["GNOME_KEYRING_CONTROL"] = null;
        environment["DBUS_SESSION_BUS_ADDRESS"] = null;
        return environment;
    }

    // A session bus that activates nothing: no second keyring and no prompter can be started behind the harness's back.
    private static string BusConfig(string socket) => $"""
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
         "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <type>session</type>
          <listen>unix:path={System.Security.SecurityElement.Escape(socket)}</listen>
          <auth>EXTERNAL</auth>
          <policy context="default">
            <allow send_destination="*" eavesdrop="true"/>
            <allow eavesdrop="true"/>
            <allow own="*"/>
          </policy>
        </busconfig>
        """;
}
