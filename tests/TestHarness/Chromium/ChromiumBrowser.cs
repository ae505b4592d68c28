using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.Playwright;
using TestHarness.Network;
using TestHarness.Processes;

namespace TestHarness.Chromium;

/// <summary>
/// Debian's headless Chromium driven by Playwright (never a downloaded browser), with a fresh profile, fake camera and
/// microphone, optionally inside a <see cref="NetworkNamespace"/>. Pages are served from memory on <see cref="Origin"/>
/// (http://127.0.0.1:…, a secure context, so getUserMedia exists); disposing closes the browser and its whole process tree.
/// </summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    /// <summary>The Chromium Debian installs (a launcher script for /usr/lib/chromium/chromium).</summary>
    public const string DefaultExecutable = "/usr/bin/chromium";

    /// <summary>The switches every launch uses: headless, no sandbox (root), fake media devices auto-granted, no background traffic.</summary>
    public static readonly IReadOnlyList<string> Switches =
    [
        "--headless",
        "--no-sandbox",
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private const string JanusJs = "/usr/share/javascript/janus-gateway/janus.js";
    private const string AdapterJs = "/usr/share/javascript/webrtc-adapter/adapter.js";

    private readonly TempFolder _folder;
    private readonly IPlaywright _playwright;
    private readonly ConcurrentDictionary<string, (byte[] Body, string ContentType)> _content = new(StringComparer.Ordinal);
    private IBrowserContext? _context;
    private int _disposed;

    private ChromiumBrowser(TempFolder folder, IPlaywright playwright, Uri origin, NetworkNamespace? networkNamespace)
    {
        _folder = folder;
        _playwright = playwright;
        Origin = origin;
        Namespace = networkNamespace;
    }

    /// <summary>The origin in-memory pages are served from, e.g. http://127.0.0.1:PORT/ (nothing listens there: Playwright answers).</summary>
    public Uri Origin { get; }

    /// <summary>The namespace Chromium runs in, or null for the test's own network.</summary>
    public NetworkNamespace? Namespace { get; }

    /// <summary>The fresh profile folder, removed on dispose.</summary>
    public string UserDataFolder => _folder.Combine("profile");

    /// <summary>The browser context (one per launch: a persistent context over the fresh profile).</summary>
    public IBrowserContext Context => _context ?? throw new ObjectDisposedException(nameof(ChromiumBrowser));

    /// <summary>
    /// Launches Chromium (inside <paramref name="networkNamespace"/> if given) and serves janus.js, adapter.js and the
    /// publisher page on <see cref="Origin"/>; throws a <see cref="HarnessException"/> saying why it could not.
    /// </summary>
    public static async Task<ChromiumBrowser> LaunchAsync(NetworkNamespace? networkNamespace = null, string executable = DefaultExecutable, CancellationToken cancellationToken = default)
    {
        RequiredTool.Find(executable, "chromium");
        cancellationToken.ThrowIfCancellationRequested();

        // Belt and braces: nothing here installs browsers, and the driver must not try either.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var folder = TempFolder.Create("chromium");
        IPlaywright? playwright = null;
        ChromiumBrowser? browser = null;
        try
        {
            playwright = await Playwright.CreateAsync().ConfigureAwait(false);
            browser = new ChromiumBrowser(folder, playwright, new Uri($"http://127.0.0.1:{PortAllocator.Next()}/"), networkNamespace);
            browser.ServeFile("/janus.js", JanusJs, "text/javascript; charset=utf-8");
            browser.ServeFile("/adapter.js", AdapterJs, "text/javascript; charset=utf-8");
            browser.Serve(JanusPublisherPage.PagePath, ReadPage("janus-publisher.html"), "text/html; charset=utf-8");

            var launcher = networkNamespace is null ? executable : browser.WriteNamespaceLauncher(networkNamespace, executable);
            Directory.CreateDirectory(browser.UserDataFolder);
            try
            {
                browser._context = await playwright.Chromium.LaunchPersistentContextAsync(browser.UserDataFolder, new BrowserTypeLaunchPersistentContextOptions
                {
                    ExecutablePath = launcher,
                    Headless = true,
                    Args = [.. Switches],
                    ChromiumSandbox = false,
                    // Chromium 142+ asks before a page (ours is answered by Playwright, so "public") calls a loopback server such as Janus.
                    Permissions = ["camera", "microphone", "local-network-access"],
                    Timeout = 30_000,
                }).ConfigureAwait(false);
            }
            catch (PlaywrightException ex)
            {
                throw new HarnessException($"Chromium ({launcher}) did not start under Playwright: {ex.Message}", ex);
            }

            foreach (var pid in browser.BrowserProcesses())
            {
                PidRegistry.Add(pid, "chromium");
            }

            await browser._context.RouteAsync(browser.Origin.AbsoluteUri + "**", browser.FulfillAsync).ConfigureAwait(false);
            return browser;
        }
        catch
        {
            if (browser is not null)
            {
                await browser.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                playwright?.Dispose();
                folder.Dispose();
            }

            throw;
        }
    }

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/> (e.g. "/call.html") on <see cref="Origin"/>.</summary>
    public void Serve(string path, string body, string contentType = "text/html; charset=utf-8") =>
        _content[Normalize(path)] = (Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>Serves the bytes of <paramref name="file"/> at <paramref name="path"/> on <see cref="Origin"/>.</summary>
    public void ServeFile(string path, string file, string contentType)
    {
        if (!File.Exists(file))
        {
            throw new HarnessException($"'{file}' does not exist. Run './run setup' (janus.js comes from libjs-janus-gateway, adapter.js from libjs-webrtc-adapter).");
        }

        _content[Normalize(path)] = (File.ReadAllBytes(file), contentType);
    }

    /// <summary>A new blank page (tab).</summary>
    public Task<IPage> NewPageAsync() => Context.NewPageAsync();

    /// <summary>A new page navigated to <paramref name="pathAndQuery"/> on <see cref="Origin"/>.</summary>
    public async Task<IPage> OpenAsync(string pathAndQuery)
    {
        var page = await NewPageAsync().ConfigureAwait(false);
        await page.GotoAsync(new Uri(Origin, pathAndQuery).AbsoluteUri).ConfigureAwait(false);
        return page;
    }

    /// <summary>
    /// Opens the publisher page: it joins VideoRoom <paramref name="room"/> on <paramref name="janusUrl"/> (HTTP or WebSocket
    /// Janus API, as seen from where Chromium runs) as <paramref name="display"/> and publishes fake audio and video.
    /// </summary>
    public async Task<JanusPublisherPage> OpenPublisherAsync(Uri janusUrl, long room, string display, string? apiSecret = null, string? token = null, bool debug = false)
    {
        ArgumentNullException.ThrowIfNull(janusUrl);
        var query = new StringBuilder("?server=").Append(Uri.EscapeDataString(janusUrl.AbsoluteUri))
            .Append("&room=").Append(room.ToString(CultureInfo.InvariantCulture))
            .Append("&display=").Append(Uri.EscapeDataString(display));
        if (apiSecret is not null)
        {
            query.Append("&apisecret=").Append(Uri.EscapeDataString(apiSecret));
        }

        if (token is not null)
        {
            query.Append("&token=").Append(Uri.EscapeDataString(token));
        }

        if (debug)
        {
            query.Append("&debug=1");
        }

        var page = await NewPageAsync().ConfigureAwait(false);
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            lock (console)
            {
                console.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) =>
        {
            lock (console)
            {
                console.Add($"pageerror: {error}");
            }
        };
        await page.GotoAsync(new Uri(Origin, JanusPublisherPage.PagePath + query).AbsoluteUri).ConfigureAwait(false);
        return new JanusPublisherPage(page, console);
    }

    /// <summary>Closes the browser, ends any Chromium process of this profile still running, and removes the profile.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Remember the whole tree first: children re-parented after the browser exits are not found from it any more.
        var processes = BrowserProcesses();
        var tree = processes.Concat(processes.SelectMany(ChildProcess.Descendants)).Distinct().ToList();
        try
        {
            if (_context is not null)
            {
                await _context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // The browser is gone or stuck; the kill below ends it.
        }
        finally
        {
            _playwright.Dispose();
            foreach (var pid in tree)
            {
                KillIfRunning(pid);
            }

            foreach (var pid in processes)
            {
                PidRegistry.Remove(pid);
            }

            _context = null;
            _folder.Dispose();
        }
    }

    private static string ReadPage(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("chromium/" + name)
            ?? throw new HarnessException($"The page '{name}' is not embedded in TestHarness (tests/TestHarness/Chromium/{name}).");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string Normalize(string path) => path.StartsWith('/') ? path : "/" + path;

    private static void KillIfRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>A launcher script that runs Chromium inside the namespace; Playwright's pipe (fds 3 and 4) passes through nsenter.</summary>
    private string WriteNamespaceLauncher(NetworkNamespace networkNamespace, string executable)
    {
        var script = _folder.Combine("chromium-in-netns.sh");
        var command = string.Join(' ', networkNamespace.EnterCommand.Append(executable).Select(Quote));
        File.WriteAllText(script, $"#!/bin/sh\nexec {command} \"$@\"\n", new UTF8Encoding(false));
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Network namespaces exist on Linux only.");
        }

        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        return script;
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The Chromium browser processes using this profile (found by their --user-data-dir switch).</summary>
    private List<int> BrowserProcesses()
    {
        var marker = "--user-data-dir=" + UserDataFolder;
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var words = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (words.Contains(marker, StringComparer.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }

    private async Task FulfillAsync(IRoute route)
    {
        var path = new Uri(route.Request.Url).AbsolutePath;
        if (_content.TryGetValue(path, out var content))
        {
            await route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 200,
                ContentType = content.ContentType,
                BodyBytes = content.Body,
                Headers = new Dictionary<string, string> { ["Cache-Control"] = "no-store" },
            }).ConfigureAwait(false);
        }
        else
        {
            await route.FulfillAsync(new RouteFulfillOptions { Status = 404, ContentType = "text/plain", Body = $"{path} is not served by the harness." }).ConfigureAwait(false);
        }
    }
}
