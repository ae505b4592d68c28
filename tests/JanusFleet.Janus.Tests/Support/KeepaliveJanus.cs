using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using JanusFleet.Janus.Internal;

namespace JanusFleet.Janus.Tests.Support;

/// <summary>
/// A scripted Janus for keepalive stories: answers info (with the given session_timeout), create and keepalive, can leave
/// chosen keepalives unanswered (a POST stuck in a full server's accept queue), and times a session out as Janus would
/// when a keepalive arrives after the session went longer than session_timeout without one.
/// </summary>
internal sealed class KeepaliveJanus(TimeProvider time, int sessionTimeoutSeconds) : IJanusTransport
{
    private readonly ConcurrentDictionary<long, DateTimeOffset> _refreshed = new();
    private long _nextId = 1000;
    private int _keepalives;
    private ITransportSink? _sink;

    public bool KeepsSessionsAlive => false;

    /// <summary>Which keepalives (1-based, over all sessions) get no answer until the client gives up on them.</summary>
    public Func<int, bool> Stalls { get; set; } = _ => false;

    /// <summary>Every keepalive sent: session and when.</summary>
    public ConcurrentQueue<(long SessionId, DateTimeOffset At)> Keepalives { get; } = new();

    /// <summary>Sessions this Janus timed out.</summary>
    public ConcurrentBag<long> TimedOut { get; } = [];

    public Task ConnectAsync(ITransportSink sink, CancellationToken cancellationToken)
    {
        _sink = sink;
        return Task.CompletedTask;
    }

    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var sent = (JsonObject)JsonNode.Parse(message.Payload.Span)!;
        var tx = sent["transaction"]!.GetValue<string>();
        switch (sent["janus"]!.GetValue<string>())
        {
            case "info":
                Deliver($$"""{"janus":"server_info","transaction":"{{tx}}","name":"Janus WebRTC Server","version":1102,"session-timeout":{{sessionTimeoutSeconds}}}""");
                break;
            case "create":
                var id = Interlocked.Increment(ref _nextId);
                _refreshed[id] = time.GetUtcNow();
                Deliver($$$"""{"janus":"success","transaction":"{{{tx}}}","data":{"id":{{{id}}}}}""");
                break;
            case "keepalive":
                var session = sent["session_id"]!.GetValue<long>();
                var now = time.GetUtcNow();
                Keepalives.Enqueue((session, now));
                if (Stalls(Interlocked.Increment(ref _keepalives)))
                {
                    // Sent, never answered: the POST hangs until the caller cancels it.
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                if (now - _refreshed[session] > TimeSpan.FromSeconds(sessionTimeoutSeconds))
                {
                    TimedOut.Add(session);
                    Deliver($$"""{"janus":"timeout","session_id":{{session}}}""");
                    break;
                }

                _refreshed[session] = now;
                Deliver($$"""{"janus":"ack","session_id":{{session}},"transaction":"{{tx}}"}""");
                break;
            default:
                Deliver($$"""{"janus":"success","transaction":"{{tx}}"}""");
                break;
        }
    }

    private void Deliver(string json) => _sink!.OnMessage(JsonSerializer.Deserialize<JsonElement>(json));

    public void TrackSession(long sessionId)
    {
    }

    public void UntrackSession(long sessionId)
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Keepalives.Count} keepalives");
}
