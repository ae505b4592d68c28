using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using JanusFleet.Janus.Internal;

namespace JanusFleet.Janus.Tests.Support;

/// <summary>
/// Replays a recorded Janus transcript: every request the client sends must match the next "&gt;&gt;" line (a subset
/// match, transaction ids mapped), and the "&lt;&lt;" lines that follow are delivered as Janus's answers and events.
/// </summary>
internal sealed class ReplayTransport : IJanusTransport
{
    private readonly Queue<(JsonObject Expected, List<JsonObject> Replies)> _script = new();
    private readonly ConcurrentDictionary<string, string> _transactions = new();
    private readonly List<string> _mismatches = [];
    private readonly Lock _gate = new();
    private ITransportSink? _sink;

    public ReplayTransport(string transcript, bool keepsSessionsAlive = true)
    {
        KeepsSessionsAlive = keepsSessionsAlive;
        (JsonObject, List<JsonObject>)? current = null;
        foreach (var raw in transcript.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith(">>", StringComparison.Ordinal))
            {
                if (current is { } c)
                {
                    _script.Enqueue(c);
                }

                current = ((JsonObject)JsonNode.Parse(line[2..])!, []);
            }
            else if (line.StartsWith("<<", StringComparison.Ordinal))
            {
                current!.Value.Item2.Add((JsonObject)JsonNode.Parse(line[2..])!);
            }
        }

        if (current is { } last)
        {
            _script.Enqueue(last);
        }
    }

    public static ReplayTransport FromFile(string name, bool keepsSessionsAlive = true) =>
        new(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Transcripts", name + ".txt")), keepsSessionsAlive);

    public bool KeepsSessionsAlive { get; }

    /// <summary>Every request the client sent, as JSON.</summary>
    public ConcurrentQueue<JsonObject> Sent { get; } = new();

    public List<long> TrackedSessions { get; } = [];

    public List<long> UntrackedSessions { get; } = [];

    /// <summary>When set, requests with this verb get no answer at all (Janus went silent).</summary>
    public string? SilentVerb { get; set; }

    public int Remaining => _script.Count;

    public Task ConnectAsync(ITransportSink sink, CancellationToken cancellationToken)
    {
        _sink = sink;
        return Task.CompletedTask;
    }

    public Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var sent = (JsonObject)JsonNode.Parse(message.Payload.Span)!;
        Sent.Enqueue(sent);
        if (sent["janus"]!.GetValue<string>() == SilentVerb)
        {
            return Task.CompletedTask;
        }

        List<JsonObject> replies;
        lock (_gate)
        {
            if (!_script.TryDequeue(out var step))
            {
                throw new InvalidOperationException($"The transcript has no more requests, but the client sent {sent.ToJsonString()}");
            }

            var recordedTx = step.Expected["transaction"]?.GetValue<string>();
            var actualTx = sent["transaction"]?.GetValue<string>();
            if (recordedTx is not null && actualTx is not null)
            {
                _transactions[recordedTx] = actualTx;
            }

            foreach (var (key, value) in step.Expected)
            {
                if (key == "transaction")
                {
                    continue;
                }

                if (!JsonNode.DeepEquals(value, sent[key]))
                {
                    var problem = $"Request differs from the transcript at '{key}': expected {step.Expected.ToJsonString()}, sent {sent.ToJsonString()}";
                    _mismatches.Add(problem);
                    throw new InvalidOperationException(problem);
                }
            }

            replies = step.Replies;
        }

        foreach (var reply in replies)
        {
            Deliver(reply);
        }

        return Task.CompletedTask;
    }

    /// <summary>Delivers a message as if Janus had sent it now (an event outside the transcript's request order).</summary>
    public void Push(string json) => Deliver((JsonObject)JsonNode.Parse(json)!);

    private void Deliver(JsonObject reply)
    {
        var copy = (JsonObject)reply.DeepClone();
        if (copy["transaction"]?.GetValue<string>() is { } tx && _transactions.TryGetValue(tx, out var mapped))
        {
            copy["transaction"] = mapped;
        }

        _sink!.OnMessage(JsonSerializer.Deserialize<JsonElement>(copy.ToJsonString()));
    }

    public void Drop(Exception reason) => _sink!.OnDisconnected(reason);

    public Task ReconnectAsync() => _sink!.OnReconnectedAsync(CancellationToken.None);

    public void Close(Exception reason) => _sink!.OnClosed(reason);

    public void AssertFinished()
    {
        Assert.Empty(_mismatches);
        Assert.Equal(0, Remaining);
    }

    public void TrackSession(long sessionId) => TrackedSessions.Add(sessionId);

    public void UntrackSession(long sessionId) => UntrackedSessions.Add(sessionId);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
