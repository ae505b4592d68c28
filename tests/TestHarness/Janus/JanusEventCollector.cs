using System.Net;
using System.Text.Json;
using TestHarness.Processes;

namespace TestHarness.Janus;

/// <summary>
/// A small HTTP endpoint on 127.0.0.1 that receives what Janus's sample event handler POSTs (a JSON array per batch with
/// grouping, or one object) and lets a test wait for an event it expects; pass <see cref="Url"/> as <see cref="JanusOptions.EventHandlerUrl"/>.
/// </summary>
public sealed class JanusEventCollector : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Lock _gate = new();
    private readonly List<JsonElement> _events = [];
    private readonly List<(Func<JsonElement, bool> Match, TaskCompletionSource<JsonElement> Found)> _waiters = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private int _disposed;

    private JanusEventCollector(HttpListener listener, Uri url)
    {
        _listener = listener;
        Url = url;
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Where Janus should POST events, e.g. http://127.0.0.1:PORT/janus-events.</summary>
    public Uri Url { get; }

    /// <summary>Every event received so far, in arrival order.</summary>
    public IReadOnlyList<JsonElement> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Starts listening on 127.0.0.1 (a free port unless <paramref name="port"/> is given).</summary>
    public static JanusEventCollector Start(int? port = null)
    {
        var chosen = port ?? PortAllocator.Next();
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{chosen}/");
        try
        {
            listener.Start();
        }
        catch (HttpListenerException ex)
        {
            listener.Close();
            throw new HarnessException($"The Janus event collector could not listen on 127.0.0.1:{chosen}: {ex.Message}", ex);
        }

        return new JanusEventCollector(listener, new Uri($"http://127.0.0.1:{chosen}/janus-events"));
    }

    /// <summary>
    /// Returns the first event (already received or still to come) that <paramref name="match"/> accepts; throws a
    /// <see cref="TimeoutException"/> listing what did arrive if none does within <paramref name="timeout"/>.
    /// </summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var found = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            foreach (var e in _events)
            {
                if (Matches(match, e))
                {
                    return e;
                }
            }

            _waiters.Add((match, found));
        }

        try
        {
            return await found.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No matching Janus event within {timeout.TotalSeconds:0.#} s. Received {Summary()}.");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.RemoveAll(w => w.Found == found);
            }
        }
    }

    /// <summary>The received events as "type/name" pairs, for failure messages.</summary>
    public string Summary()
    {
        var events = Events;
        if (events.Count == 0)
        {
            return "no events";
        }

        return $"{events.Count} events: " + string.Join(", ", events.TakeLast(60).Select(Describe));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    /// <summary>A predicate that trips over an event of another shape (a missing property) simply does not match it.</summary>
    private static bool Matches(Func<JsonElement, bool> match, JsonElement e)
    {
        try
        {
            return match(e);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private static string Describe(JsonElement e)
    {
        var type = e.TryGetProperty("type", out var t) ? t.ToString() : "?";
        if (e.TryGetProperty("event", out var body) && body.ValueKind == JsonValueKind.Object)
        {
            foreach (var key in new[] { "name", "connection", "media", "plugin" })
            {
                if (body.TryGetProperty(key, out var v))
                {
                    return $"{type}/{v}";
                }
            }
        }

        return type;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }

            await HandleAsync(context).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.InputStream, cancellationToken: _stopping.Token).ConfigureAwait(false);
            var root = body.RootElement;
            var received = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().Select(e => e.Clone()).ToList() : [root.Clone()];
            Add(received);
            context.Response.StatusCode = 200;
        }
        catch (JsonException)
        {
            context.Response.StatusCode = 400;
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or IOException)
        {
            context.Response.StatusCode = 503;
        }

        try
        {
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
        {
            // Janus gave up on this POST; it retries on its own.
        }
    }

    private void Add(List<JsonElement> received)
    {
        List<TaskCompletionSource<JsonElement>> wake = [];
        List<JsonElement> results = [];
        lock (_gate)
        {
            _events.AddRange(received);
            foreach (var e in received)
            {
                foreach (var w in _waiters.ToList())
                {
                    if (Matches(w.Match, e))
                    {
                        _waiters.Remove(w);
                        wake.Add(w.Found);
                        results.Add(e);
                    }
                }
            }
        }

        for (var i = 0; i < wake.Count; i++)
        {
            wake[i].TrySetResult(results[i]);
        }
    }
}
