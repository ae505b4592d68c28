using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace TestHarness.Chromium;

/// <summary>
/// A page that publishes Chromium's fake camera and microphone into a Janus VideoRoom with janus.js, opened by
/// <see cref="ChromiumBrowser.OpenPublisherAsync"/>; read its progress with <see cref="GetStateAsync"/>.
/// </summary>
public sealed class JanusPublisherPage
{
    /// <summary>The path the page is served under on <see cref="ChromiumBrowser.Origin"/>.</summary>
    public const string PagePath = "/janus-publisher.html";

    private readonly List<string> _console;

    internal JanusPublisherPage(IPage page, List<string> console)
    {
        Page = page;
        _console = console;
    }

    /// <summary>The Playwright page, for anything the wrapper does not offer.</summary>
    public IPage Page { get; }

    /// <summary>What the page printed to its console and any uncaught errors, for failure messages.</summary>
    public IReadOnlyList<string> ConsoleLines
    {
        get
        {
            lock (_console)
            {
                return [.. _console];
            }
        }
    }

    /// <summary>The page's current <c>window.publisherState</c>.</summary>
    public async Task<JanusPublisherState> GetStateAsync()
    {
        var json = await Page.EvaluateAsync<string>("() => JSON.stringify(window.publisherState ?? null)").ConfigureAwait(false);
        return JsonSerializer.Deserialize(json, ChromiumJsonContext.Default.JanusPublisherState)
            ?? throw new HarnessException($"The publisher page has no state (did it load from {Page.Url}?). Console:\n{string.Join('\n', ConsoleLines)}");
    }

    /// <summary>
    /// Polls the page until <paramref name="condition"/> holds and returns that state; throws a <see cref="TimeoutException"/>
    /// with the last state and the console if it does not within <paramref name="timeout"/>.
    /// </summary>
    public async Task<JanusPublisherState> WaitForAsync(Func<JanusPublisherState, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var state = await GetStateAsync().ConfigureAwait(false);
            if (condition(state))
            {
                return state;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"The publisher page did not reach the expected state within {timeout.TotalSeconds:0.#} s. Last state: {state}, errors: [{string.Join("; ", state.Errors)}]. Console:\n{string.Join('\n', ConsoleLines.TakeLast(40))}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Destroys the page's Janus session (hang up and leave), waiting for Janus to confirm.</summary>
    public Task LeaveAsync() => Page.EvaluateAsync("() => window.publisherLeave()");
}
