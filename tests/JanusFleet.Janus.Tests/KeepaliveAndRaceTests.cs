using JanusFleet.Janus.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace JanusFleet.Janus.Tests;

public sealed class KeepaliveAndRaceTests
{
    private static string[] Recorded(int lines) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Transcripts", "core-lifecycle.txt"))[..lines];

    [Fact]
    public async Task A_WebSocket_session_sends_keepalives_on_the_injected_clock_inside_the_session_timeout()
    {
        // info + create + the recorded keepalive/ack, replayed twice for two timer ticks.
        var lines = Recorded(5).Concat(Recorded(9)[7..9]).Concat(Recorded(9)[7..9]);
        var transport = new ReplayTransport(string.Join('\n', lines), keepsSessionsAlive: false);
        var time = new FakeTimeProvider();
        await using var connection = await Replay.ConnectAsync(transport, Replay.Options(time));
        var session = await connection.CreateSessionAsync();
        Assert.Equal(TimeSpan.FromSeconds(20), connection.EffectiveKeepaliveInterval); // min(20 s, session_timeout 60 s / 3)

        // The first keepalive comes at a random point within the first interval (spread), then one per interval.
        time.Advance(TimeSpan.FromSeconds(20));
        await WaitUntilAsync(() => transport.Sent.Count == 3);
        time.Advance(TimeSpan.FromSeconds(20));
        await WaitUntilAsync(() => transport.Sent.Count == 4);

        Assert.All(transport.Sent.Skip(2), k => Assert.Equal("keepalive", k["janus"]!.GetValue<string>()));
        Assert.False(session.IsClosed);
        transport.AssertFinished();
    }

    [Fact]
    public async Task An_HTTP_session_relies_on_its_long_poll_when_the_session_timeout_outlasts_a_poll()
    {
        var transport = new ReplayTransport(string.Join('\n', Recorded(5)), keepsSessionsAlive: true);
        var time = new FakeTimeProvider();
        await using var connection = await Replay.ConnectAsync(transport, Replay.Options(time));
        var session = await connection.CreateSessionAsync();

        time.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(50);

        Assert.Equal(2, transport.Sent.Count);
        Assert.Contains(session.Id, transport.TrackedSessions);
    }

    [Fact]
    public async Task A_detached_event_that_overtakes_the_detach_answer_still_completes_the_detach()
    {
        const string S = "4961322875364835";
        const string H = "2403420163627714";
        var transport = new ReplayTransport(string.Join('\n', Recorded(7)) + $$"""

            >> {"janus":"detach","session_id":{{S}},"handle_id":{{H}},"transaction":"t9"}
            << {"janus":"detached","session_id":{{S}},"sender":{{H}}}
            << {"janus":"success","session_id":{{S}},"transaction":"t9"}
            """);
        await using var connection = await Replay.ConnectAsync(transport);
        var session = await connection.CreateSessionAsync();
        var handle = await session.AttachAsync("janus.plugin.videoroom", "room-7-alice");

        await handle.DetachAsync();

        Assert.True(handle.IsDetached);
        Assert.IsType<JanusDetachedEvent>(Assert.Single(await handle.Events.ReadAllAsync().ToListAsync()));
        Assert.Empty(session.Handles);
        Assert.Equal(0, connection.Transactions.Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // The keepalive loop runs on the thread pool after the fake clock fires: wait for it, without asserting how long it takes.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, cts.Token);
        }
    }
}
