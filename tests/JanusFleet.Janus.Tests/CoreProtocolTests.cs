using System.Text.Json;
using JanusFleet.Janus.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace JanusFleet.Janus.Tests;

public sealed class CoreProtocolTests
{
    [Fact]
    public async Task Connecting_reads_what_Janus_says_about_itself()
    {
        var transport = ReplayTransport.FromFile("core-lifecycle");
        await using var connection = await Replay.ConnectAsync(transport);

        Assert.Equal(1102, connection.ServerInfo.Version);
        Assert.Equal("1.1.2", connection.ServerInfo.VersionString);
        Assert.Equal(60, connection.ServerInfo.SessionTimeout);
        Assert.True(connection.ServerInfo.AcceptingNewSessions);
        Assert.True(connection.ServerInfo.SupportsRemotePublishers);
        Assert.Contains("janus.plugin.videoroom", connection.ServerInfo.Plugins.Keys);
    }

    [Fact]
    public async Task A_session_attaches_with_an_opaque_id_trickles_hangs_up_detaches_and_is_destroyed()
    {
        var transport = ReplayTransport.FromFile("core-lifecycle");
        await using var connection = await Replay.ConnectAsync(transport);

        var session = await connection.CreateSessionAsync();
        var handle = await session.AttachAsync("janus.plugin.videoroom", "room-7-alice");
        Assert.Equal("room-7-alice", handle.OpaqueId);
        Assert.Contains(session.Id, transport.TrackedSessions);

        await session.KeepaliveAsync();
        var first = new IceCandidate("candidate:1 1 udp 2122260223 127.0.0.2 50000 typ host", "0", 0);
        await handle.TrickleAsync(first);
        await handle.TrickleAsync([first, new IceCandidate("candidate:2 1 udp 2122260223 127.0.0.2 50002 typ host", "1", 1)]);
        await handle.TrickleCompletedAsync();
        await handle.HangupAsync();
        await handle.DetachAsync();
        Assert.True(handle.IsDetached);
        await handle.DetachAsync(); // idempotent: nothing more is sent

        await session.DestroyAsync();
        Assert.True(session.IsClosed);
        Assert.Contains(session.Id, transport.UntrackedSessions);
        Assert.Empty(connection.Sessions);
        transport.AssertFinished();
    }

    [Fact]
    public async Task A_core_refusal_is_a_typed_error_and_the_session_stays_usable()
    {
        var transport = ReplayTransport.FromFile("errors");
        await using var connection = await Replay.ConnectAsync(transport);

        var lost = await Assert.ThrowsAsync<JanusSessionLostException>(() => connection.ClaimSessionAsync(12345));
        Assert.Equal(12345, lost.SessionId);

        var session = await connection.CreateSessionAsync();
        var error = await Assert.ThrowsAsync<JanusErrorException>(() => session.AttachAsync("janus.plugin.nope"));
        Assert.Equal(JanusErrorCode.PluginNotFound, error.CoreCode);
        Assert.Null(error.Plugin);
        Assert.Contains("janus.plugin.nope", error.Reason, StringComparison.Ordinal);
        Assert.False(session.IsClosed);
    }

    [Fact]
    public async Task A_session_Janus_no_longer_knows_surfaces_458_as_session_lost_and_is_torn_down()
    {
        var transport = ReplayTransport.FromFile("errors");
        await using var connection = await Replay.ConnectAsync(transport);
        await Assert.ThrowsAsync<JanusSessionLostException>(() => connection.ClaimSessionAsync(12345));
        var session = await connection.CreateSessionAsync();
        await Assert.ThrowsAsync<JanusErrorException>(() => session.AttachAsync("janus.plugin.nope"));

        var lost = await Assert.ThrowsAsync<JanusSessionLostException>(() => session.KeepaliveAsync());

        Assert.Equal(session.Id, lost.SessionId);
        var inner = Assert.IsType<JanusErrorException>(lost.InnerException);
        Assert.Equal(JanusErrorCode.SessionNotFound, inner.CoreCode);
        Assert.True(session.IsClosed);
        await Assert.ThrowsAsync<JanusSessionLostException>(async () => await session.Events.ReadAllAsync().ToListAsync());
        await Assert.ThrowsAsync<JanusSessionLostException>(() => session.AttachAsync("janus.plugin.videoroom"));

        // Destroying a lost session is a no-op, and the connection still works.
        await session.DestroyAsync();
        var next = await connection.CreateSessionAsync();
        await next.DestroyAsync();
        transport.AssertFinished();
    }

    [Fact]
    public async Task A_request_Janus_never_answers_fails_with_a_timeout_on_the_injected_clock()
    {
        var time = new FakeTimeProvider();
        var transport = ReplayTransport.FromFile("core-lifecycle");
        await using var connection = await Replay.ConnectAsync(transport, Replay.Options(time));
        var session = await connection.CreateSessionAsync();
        transport.SilentVerb = "attach";

        var attach = session.AttachAsync("janus.plugin.videoroom");
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(attach.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        var timeout = await Assert.ThrowsAsync<JanusTimeoutException>(() => attach);
        Assert.Equal("attach", timeout.Request);
        Assert.Equal(0, connection.Transactions.Count);
    }

    [Fact]
    public async Task Destroying_a_session_fails_its_pending_requests_and_detaches_its_handles()
    {
        var transport = ReplayTransport.FromFile("videoroom-publisher");
        await using var connection = await Replay.ConnectAsync(transport);
        var session = await connection.CreateSessionAsync();
        var handle = await session.AttachAsync("janus.plugin.videoroom");
        transport.SilentVerb = "message";
        var pending = handle.SendMessageAsync(JsonDocument.Parse("""{"request":"create","room":5151,"publishers":2}""").RootElement);
        Assert.Equal(1, connection.Transactions.Count);

        transport.SilentVerb = "destroy";
        var destroy = session.DestroyAsync();

        // The destroy itself is pending: tear down through Janus's own "timeout" event instead.
        transport.Push($$"""{"janus":"timeout","session_id":{{session.Id}}}""");
        var lost = await Assert.ThrowsAsync<JanusSessionLostException>(() => pending);
        Assert.Equal(session.Id, lost.SessionId);
        await destroy;
        Assert.True(handle.IsDetached);
        Assert.True(session.IsClosed);
        Assert.Equal(0, connection.Transactions.Count);
        await Assert.ThrowsAsync<JanusHandleDetachedException>(() => handle.HangupAsync());
        var events = new List<JanusEvent>();
        await Assert.ThrowsAsync<JanusSessionLostException>(async () =>
        {
            await foreach (var e in session.Events.ReadAllAsync())
            {
                events.Add(e);
            }
        });
        Assert.IsType<JanusSessionTimeoutEvent>(Assert.Single(events));
    }

    [Fact]
    public async Task Closing_the_connection_fails_every_pending_request_with_a_transport_error()
    {
        var transport = ReplayTransport.FromFile("core-lifecycle");
        var connection = await Replay.ConnectAsync(transport);
        var session = await connection.CreateSessionAsync();
        transport.SilentVerb = "attach";
        var attach = session.AttachAsync("janus.plugin.videoroom");

        transport.Close(new IOException("network unreachable"));

        var lost = await Assert.ThrowsAsync<JanusSessionLostException>(() => attach);
        Assert.IsType<IOException>(lost.InnerException);
        Assert.True(connection.IsClosed);
        Assert.True(session.IsClosed);
        Assert.Equal([JanusConnectionState.Closed], await connection.StateChanges.ReadAllAsync().ToListAsync());
        await Assert.ThrowsAsync<JanusTransportException>(() => connection.CreateSessionAsync());
        await connection.DisposeAsync();
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task Unsolicited_events_reach_the_handle_they_are_about_as_typed_events()
    {
        var transport = ReplayTransport.FromFile("core-lifecycle");
        await using var connection = await Replay.ConnectAsync(transport);
        var session = await connection.CreateSessionAsync();
        var handle = await session.AttachAsync("janus.plugin.videoroom", "room-7-alice");
        var s = session.Id;
        var h = handle.Id;

        transport.Push($$$"""{"janus":"webrtcup","session_id":{{{s}}},"sender":{{{h}}}}""");
        transport.Push($$$"""{"janus":"media","session_id":{{{s}}},"sender":{{{h}}},"mid":"0","type":"audio","receiving":true}""");
        transport.Push($$$"""{"janus":"slowlink","session_id":{{{s}}},"sender":{{{h}}},"mid":"1","media":"video","uplink":true,"lost":12}""");
        transport.Push($$$"""{"janus":"trickle","session_id":{{{s}}},"sender":{{{h}}},"candidate":{"sdpMid":"0","sdpMLineIndex":0,"candidate":"candidate:1 1 udp 1 127.0.0.2 40000 typ host"}}""");
        transport.Push($$$"""{"janus":"trickle","session_id":{{{s}}},"sender":{{{h}}},"candidate":{"completed":true}}""");
        transport.Push($$$$"""{"janus":"event","session_id":{{{{s}}}},"sender":{{{{h}}}},"plugindata":{"plugin":"janus.plugin.videoroom","data":{"videoroom":"event","room":5151,"publishers":[]}}}""");
        transport.Push($$$"""{"janus":"hangup","session_id":{{{s}}},"sender":{{{h}}},"reason":"DTLS alert"}""");
        transport.Push($$$"""{"janus":"detached","session_id":{{{s}}},"sender":{{{h}}}}""");
        transport.Push($$$"""{"janus":"webrtcup","session_id":{{{s}}},"sender":424242}""");

        var events = await handle.Events.ReadAllAsync().ToListAsync();

        Assert.IsType<JanusWebRtcUpEvent>(events[0]);
        var media = Assert.IsType<JanusMediaEvent>(events[1]);
        Assert.Equal(("audio", true, "0"), (media.Type, media.Receiving, media.Mid));
        var slow = Assert.IsType<JanusSlowLinkEvent>(events[2]);
        Assert.Equal(("video", true, 12), (slow.Media, slow.Uplink, slow.Lost));
        var trickle = Assert.IsType<JanusTrickleEvent>(events[3]);
        Assert.Equal("0", trickle.Candidate!.SdpMid);
        Assert.True(Assert.IsType<JanusTrickleEvent>(events[4]).Completed);
        var plugin = Assert.IsType<JanusPluginEvent>(events[5]);
        Assert.Equal("event", plugin.Kind);
        Assert.Equal("DTLS alert", Assert.IsType<JanusHangupEvent>(events[6]).Reason);
        Assert.IsType<JanusDetachedEvent>(events[7]);
        Assert.Equal(8, events.Count);
        Assert.True(handle.IsDetached);

        // An event for a handle this client does not know stays at session level.
        Assert.True(session.Events.TryRead(out var stray));
        Assert.Equal(424242, stray.HandleId);
    }

    [Fact]
    public async Task A_dropped_link_fails_requests_in_flight_and_reconnecting_claims_every_session()
    {
        var recorded = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Transcripts", "core-lifecycle.txt"))[..5];
        var transport = new ReplayTransport(string.Join('\n', recorded) + """

            >> {"janus":"claim","transaction":"t9"}
            << {"janus":"success","transaction":"t9"}
            """);
        await using var connection = await Replay.ConnectAsync(transport);
        var session = await connection.CreateSessionAsync();
        transport.SilentVerb = "attach";
        var attach = session.AttachAsync("janus.plugin.videoroom");

        transport.Drop(new IOException("reset by peer"));

        Assert.True(connection.IsReconnecting);
        var dropped = await Assert.ThrowsAsync<JanusTransportException>(() => attach);
        Assert.IsType<IOException>(dropped.InnerException);
        Assert.False(session.IsClosed);
        transport.SilentVerb = null;
        await transport.ReconnectAsync();
        Assert.False(connection.IsReconnecting);
        Assert.Equal(JanusConnectionState.Open, connection.State);
        Assert.True(connection.StateChanges.TryRead(out var first));
        Assert.True(connection.StateChanges.TryRead(out var second));
        Assert.Equal((JanusConnectionState.Reconnecting, JanusConnectionState.Open), (first, second));
        var claim = transport.Sent.Last();
        Assert.Equal("claim", claim["janus"]!.GetValue<string>());
        Assert.Equal(session.Id, claim["session_id"]!.GetValue<long>());
        Assert.False(session.IsClosed);
    }

    [Fact]
    public async Task Events_nobody_reads_are_bounded_and_the_drops_are_counted()
    {
        var transport = ReplayTransport.FromFile("core-lifecycle");
        var options = Replay.Options();
        await using var connection = await Replay.ConnectAsync(transport, new JanusConnectionOptions
        {
            Uri = options.Uri,
            TimeProvider = options.TimeProvider,
            EventBufferCapacity = 2,
        });
        var session = await connection.CreateSessionAsync();
        var handle = await session.AttachAsync("janus.plugin.videoroom", "room-7-alice");

        for (var i = 0; i < 5; i++)
        {
            transport.Push($$"""{"janus":"media","session_id":{{session.Id}},"sender":{{handle.Id}},"type":"video","receiving":{{(i % 2 == 0 ? "true" : "false")}}}""");
        }

        Assert.Equal(3, handle.DroppedEvents);
        Assert.Equal(2, handle.Events.Count);
    }

    [Fact]
    public async Task Disposing_the_connection_ends_its_sessions_quietly_and_fails_what_was_in_flight()
    {
        var transport = ReplayTransport.FromFile("core-lifecycle");
        var connection = await Replay.ConnectAsync(transport);
        var session = await connection.CreateSessionAsync();
        transport.SilentVerb = "attach";
        var attach = session.AttachAsync("janus.plugin.videoroom");

        await connection.DisposeAsync();

        await Assert.ThrowsAsync<JanusSessionLostException>(() => attach);
        Assert.Empty(await session.Events.ReadAllAsync().ToListAsync());
        Assert.Equal(JanusConnectionState.Closed, connection.State);
        await session.DisposeAsync();
    }
}
