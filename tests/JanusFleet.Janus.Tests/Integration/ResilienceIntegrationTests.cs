using JanusFleet.Janus.VideoRoom;
using TestHarness.Janus;

namespace JanusFleet.Janus.Tests.Integration;

public sealed class ResilienceIntegrationTests
{
    [Theory]
    [InlineData(JanusTransportKind.Http)]
    [InlineData(JanusTransportKind.WebSocket)]
    public async Task An_idle_session_stays_alive_for_three_times_the_session_timeout(JanusTransportKind kind)
    {
        await using var janus = await JanusServer.StartAsync(new JanusOptions { SessionTimeout = 3 });
        await using var connection = await Live.ConnectAsync(janus, kind);
        using var admin = Live.Admin(janus);
        var session = await connection.CreateSessionAsync();
        var handle = await VideoRoomHandle.AttachAsync(session);

        await Task.Delay(TimeSpan.FromSeconds(10));

        Assert.False(session.IsClosed);
        Assert.Contains(session.Id, await admin.ListSessionsAsync());
        Assert.True(await handle.RoomExistsAsync(janus.DefaultRoom));
        Assert.False(session.Events.TryRead(out var timeout), $"unexpected session event {timeout}");
        await session.DestroyAsync();
    }

    [Fact]
    public async Task A_killed_WebSocket_reconnects_and_claims_its_sessions_which_keep_working()
    {
        await using var janus = await JanusServer.StartAsync(new JanusOptions { ReclaimSessionTimeout = 15 });
        await using var connection = await Live.ConnectAsync(janus, JanusTransportKind.WebSocket);
        using var admin = Live.Admin(janus);
        var session = await connection.CreateSessionAsync();
        var handle = await VideoRoomHandle.AttachAsync(session, "survivor");

        connection.AbortTransportForTest();
        await Live.EventuallyAsync(() => Task.FromResult(connection.IsReconnecting), TimeSpan.FromSeconds(5), "the client notices the drop");
        await Live.EventuallyAsync(() => Task.FromResult(!connection.IsReconnecting), TimeSpan.FromSeconds(15), "the client reconnects and claims");

        if (session.IsClosed)
        {
            var why = await Record.ExceptionAsync(async () => await session.Events.ReadAllAsync().ToListAsync());
            Assert.Fail($"session closed: {why}");
        }

        Assert.False(handle.Handle.IsDetached);
        Assert.True(await handle.RoomExistsAsync(janus.DefaultRoom));
        var info = await admin.GetHandleInfoAsync(session.Id, handle.Handle.Id);
        Assert.Equal("survivor", info.GetProperty("opaque_id").GetString());
        await session.DestroyAsync();
    }

    [Fact]
    public async Task A_WebSocket_session_Janus_destroyed_while_the_link_was_down_surfaces_as_lost()
    {
        // With reclaim_session_timeout = 0 Janus destroys the sessions of a closed WebSocket at once, so the claim fails.
        await using var janus = await JanusServer.StartAsync(new JanusOptions { ReclaimSessionTimeout = 0 });
        await using var connection = await Live.ConnectAsync(janus, JanusTransportKind.WebSocket);
        var session = await connection.CreateSessionAsync();
        var handle = await session.AttachAsync("janus.plugin.videoroom");

        connection.AbortTransportForTest();
        await Live.EventuallyAsync(() => Task.FromResult(session.IsClosed), TimeSpan.FromSeconds(15), "the session is reported lost");

        await Assert.ThrowsAsync<JanusSessionLostException>(async () => await session.Events.ReadAllAsync().ToListAsync());
        Assert.True(handle.IsDetached);
        await Assert.ThrowsAsync<JanusSessionLostException>(() => session.KeepaliveAsync());
        var fresh = await connection.CreateSessionAsync();
        await fresh.DestroyAsync();
    }

    [Fact]
    public async Task A_Janus_that_dies_closes_the_WebSocket_connection_after_the_reconnect_window_and_its_sessions_are_lost()
    {
        var janus = await JanusServer.StartAsync(new JanusOptions { ReclaimSessionTimeout = 30 });
        await using var connection = await Live.ConnectAsync(janus, JanusTransportKind.WebSocket, reconnectWindow: TimeSpan.FromSeconds(2));
        var session = await connection.CreateSessionAsync();

        await janus.StopAsync();

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Assert.Equal(JanusConnectionState.Reconnecting, await connection.StateChanges.ReadAsync(patience.Token));
        Assert.Equal(JanusConnectionState.Closed, await connection.StateChanges.ReadAsync(patience.Token));
        Assert.True(session.IsClosed);
        await Assert.ThrowsAsync<JanusSessionLostException>(async () => await session.Events.ReadAllAsync().ToListAsync());
        await Assert.ThrowsAsync<JanusTransportException>(() => connection.CreateSessionAsync());
    }

    [Theory]
    [InlineData(JanusTransportKind.Http)]
    [InlineData(JanusTransportKind.WebSocket)]
    public async Task A_draining_Janus_refuses_new_sessions_with_a_typed_472(JanusTransportKind kind)
    {
        await using var janus = await JanusServer.StartAsync();
        await using var connection = await Live.ConnectAsync(janus, kind);
        using var admin = Live.Admin(janus);
        var existing = await connection.CreateSessionAsync();

        await admin.AcceptNewSessionsAsync(false);
        var refused = await Assert.ThrowsAsync<JanusErrorException>(() => connection.CreateSessionAsync());
        Assert.Equal(JanusErrorCode.NotAcceptingSessions, refused.CoreCode);
        Assert.False((await connection.GetServerInfoAsync()).AcceptingNewSessions);
        await existing.KeepaliveAsync();

        await admin.AcceptNewSessionsAsync(true);
        var accepted = await connection.CreateSessionAsync();
        await accepted.DestroyAsync();
        await existing.DestroyAsync();
    }
    [Fact]
    public async Task Over_HTTP_requests_have_their_own_connections_and_never_wait_behind_long_polls()
    {
        // One connection for long-polls, one for requests. Janus holds an idle long-poll for ~30 s, so with one shared pool
        // of two, the second session's GET and every request after it would queue behind the first session's GET and
        // run into the 5 s request timeout.
        await using var janus = await JanusServer.StartAsync();
        await using var connection = await JanusConnection.ConnectAsync(new JanusConnectionOptions
        {
            Uri = janus.HttpUrl,
            ApiSecret = janus.ApiSecret,
            HttpMaxConnections = 2,
            HttpRequestConnections = 1,
            RequestTimeout = TimeSpan.FromSeconds(5),
        });
        var sessions = new List<JanusSession>();
        for (var i = 0; i < 3; i++)
        {
            sessions.Add(await connection.CreateSessionAsync());
        }

        foreach (var session in sessions)
        {
            await session.KeepaliveAsync();
            var room = await VideoRoomHandle.AttachAsync(session);
            Assert.True(await room.RoomExistsAsync(janus.DefaultRoom));
        }

        Assert.Equal(1102, (await connection.GetServerInfoAsync()).Version);
        foreach (var session in sessions)
        {
            await session.DestroyAsync();
        }
    }
}
