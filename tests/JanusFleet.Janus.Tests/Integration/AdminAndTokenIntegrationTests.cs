using System.Text.Json;
using JanusFleet.Janus.Tokens;
using JanusFleet.Janus.VideoRoom;
using TestHarness.Janus;

namespace JanusFleet.Janus.Tests.Integration;

public sealed class AdminAndTokenIntegrationTests
{
    [Theory]
    [InlineData(JanusTransportKind.Http)]
    [InlineData(JanusTransportKind.WebSocket)]
    public async Task The_Admin_API_reports_and_changes_what_Janus_is_doing(JanusTransportKind adminTransport)
    {
        await using var janus = await JanusServer.StartAsync(new JanusOptions { AdminWebSocket = true });
        await using var admin = Live.Admin(janus, adminTransport);
        await using var connection = await Live.ConnectAsync(janus, JanusTransportKind.Http);
        var session = await connection.CreateSessionAsync();
        var handle = await session.AttachAsync("janus.plugin.videoroom", "admin-probe");

        await admin.PingAsync();
        Assert.Equal(1102, (await admin.GetInfoAsync()).Version);
        Assert.Equal(60, (await admin.GetStatusAsync()).SessionTimeout);
        await admin.SetSessionTimeoutAsync(45);
        Assert.Equal(45, (await admin.GetStatusAsync()).SessionTimeout);
        Assert.Contains(session.Id, await admin.ListSessionsAsync());
        Assert.Equal([handle.Id], await admin.ListHandlesAsync(session.Id));
        Assert.Equal("janus.plugin.videoroom", (await admin.GetHandleInfoAsync(session.Id, handle.Id)).GetProperty("plugin").GetString());
        await admin.StartPcapAsync(session.Id, handle.Id, janus.Folder, "probe.pcap");
        await admin.StopPcapAsync(session.Id, handle.Id);
        Assert.True(File.Exists(Path.Combine(janus.Folder, "probe.pcap")));

        var rooms = await admin.MessagePluginAsync("janus.plugin.videoroom", JsonDocument.Parse("""{"request":"list"}""").RootElement);
        Assert.Contains(rooms.GetProperty("list").EnumerateArray(), r => r.GetProperty("room").GetInt64() == janus.DefaultRoom);
        var noRoom = await Assert.ThrowsAsync<JanusErrorException>(() => admin.MessagePluginAsync("janus.plugin.videoroom", JsonDocument.Parse("""{"request":"exists"}""").RootElement));
        Assert.Equal(VideoRoomErrorCode.MissingElement, noRoom.VideoRoomCode);

        var noHandler = await Assert.ThrowsAsync<JanusErrorException>(() => admin.QueryEventHandlerAsync("janus.eventhandler.sampleevh", JsonDocument.Parse("{}").RootElement));
        Assert.Equal(JanusErrorCode.PluginNotFound, noHandler.CoreCode);
        var storedTokensOff = await Assert.ThrowsAsync<JanusErrorException>(() => admin.ListTokensAsync());
        Assert.Equal(JanusErrorCode.Unknown, storedTokensOff.CoreCode);

        await using var wrong = new Admin.JanusAdminClient(new Admin.JanusAdminOptions { Uri = adminTransport == JanusTransportKind.WebSocket ? janus.AdminWebSocketUrl! : janus.AdminUrl, AdminSecret = "guess" });
        var unauthorized = await Assert.ThrowsAsync<JanusErrorException>(() => wrong.GetStatusAsync());
        Assert.Equal(JanusErrorCode.Unauthorized, unauthorized.CoreCode);
        await session.DestroyAsync();
    }

    [Fact]
    public async Task An_event_handler_answers_queries_through_the_Admin_API()
    {
        await using var collector = JanusEventCollector.Start();
        await using var janus = await JanusServer.StartAsync(new JanusOptions { EventHandlerUrl = collector.Url });
        using var admin = Live.Admin(janus);

        var tweaked = await admin.QueryEventHandlerAsync("janus.eventhandler.sampleevh", JsonDocument.Parse("""{"request":"tweak","grouping":true}""").RootElement);
        Assert.Equal(200, tweaked.GetProperty("result").GetInt32());
        var unknown = await Assert.ThrowsAsync<JanusErrorException>(() => admin.QueryEventHandlerAsync("janus.eventhandler.sampleevh", JsonDocument.Parse("""{"request":"nope"}""").RootElement));
        Assert.Equal(("janus.eventhandler.sampleevh", 411), (unknown.Plugin, unknown.Code));
    }

    [Theory]
    [InlineData(JanusTransportKind.Http)]
    [InlineData(JanusTransportKind.WebSocket)]
    public async Task Minted_tokens_are_accepted_and_expired_or_tampered_ones_are_refused(JanusTransportKind kind)
    {
        await using var janus = await JanusServer.StartAsync(new JanusOptions { SignedTokens = true });
        var minter = new JanusTokenMinter(janus.TokenAuthSecret!);
        var valid = minter.CreateCoreToken(TimeSpan.FromMinutes(5), "janus.plugin.videoroom");
        var expired = minter.CreateCoreToken(DateTimeOffset.UtcNow.AddMinutes(-5), "janus.plugin.videoroom");
        var tampered = valid[..^2] + (valid[^2] == 'A' ? "B" : "A") + valid[^1];

        await using (var ok = await Live.ConnectAsync(janus, kind, valid, withSecret: false))
        {
            var session = await ok.CreateSessionAsync();
            var videoRoom = await VideoRoomHandle.AttachAsync(session);
            Assert.True(await videoRoom.RoomExistsAsync(janus.DefaultRoom));
            var notGranted = await Assert.ThrowsAsync<JanusErrorException>(() => session.AttachAsync("janus.plugin.audiobridge"));
            Assert.Equal(JanusErrorCode.UnauthorizedPlugin, notGranted.CoreCode);

            // A room created with signed_tokens only lets in holders of that room's token.
            var room = await videoRoom.CreateRoomAsync(null, new VideoRoomRoomOptions { SignedTokens = true });
            var outsider = await Assert.ThrowsAsync<JanusErrorException>(() => videoRoom.JoinAsPublisherAsync(room, new VideoRoomPublisherJoinOptions { Token = minter.CreateVideoRoomToken(room.Number + 1, TimeSpan.FromMinutes(5)) }));
            Assert.Equal(VideoRoomErrorCode.Unauthorized, outsider.VideoRoomCode);
            var joined = await videoRoom.JoinAsPublisherAsync(room, new VideoRoomPublisherJoinOptions { Display = "holder", Token = minter.CreateVideoRoomToken(room, TimeSpan.FromMinutes(5)) });
            Assert.Equal(room, joined.Room);
            await session.DestroyAsync();
        }

        foreach (var bad in new[] { expired, tampered })
        {
            // Janus answers info to anyone; creating a session is what needs the token.
            await using var connection = await Live.ConnectAsync(janus, kind, bad, withSecret: false);
            var refused = await Assert.ThrowsAsync<JanusErrorException>(() => connection.CreateSessionAsync());
            Assert.Equal(JanusErrorCode.Unauthorized, refused.CoreCode);
        }
    }

    [Theory]
    [InlineData(JanusTransportKind.Http)]
    [InlineData(JanusTransportKind.WebSocket)]
    public async Task Stored_tokens_added_changed_and_removed_through_the_Admin_API_govern_what_a_client_may_do(JanusTransportKind kind)
    {
        // The Admin API and the Janus API both over HTTP, or both over WebSocket.
        await using var janus = await JanusServer.StartAsync(new JanusOptions { StoredTokens = true, AdminWebSocket = true });
        await using var admin = Live.Admin(janus, kind);
        const string token = "fleet-node-7";

        await admin.AddTokenAsync(token, ["janus.plugin.videoroom"]);
        var stored = Assert.Single(await admin.ListTokensAsync());
        Assert.Equal(token, stored.Token);
        Assert.Equal(["janus.plugin.videoroom"], stored.AllowedPlugins);

        // The token alone (no API secret) is accepted, for the plugins it allows.
        await using var connection = await Live.ConnectAsync(janus, kind, token, withSecret: false);
        var session = await connection.CreateSessionAsync();
        var videoRoom = await VideoRoomHandle.AttachAsync(session);
        Assert.True(await videoRoom.RoomExistsAsync(janus.DefaultRoom));
        var notAllowed = await Assert.ThrowsAsync<JanusErrorException>(() => session.AttachAsync("janus.plugin.audiobridge"));
        Assert.Equal(JanusErrorCode.UnauthorizedPlugin, notAllowed.CoreCode);

        await admin.AllowTokenAsync(token, ["janus.plugin.audiobridge"]);
        Assert.Equal(["janus.plugin.audiobridge", "janus.plugin.videoroom"], Assert.Single(await admin.ListTokensAsync()).AllowedPlugins.Order());
        var mixer = await session.AttachAsync("janus.plugin.audiobridge");
        await mixer.DetachAsync();

        await admin.DisallowTokenAsync(token, ["janus.plugin.audiobridge"]);
        Assert.Equal(["janus.plugin.videoroom"], Assert.Single(await admin.ListTokensAsync()).AllowedPlugins);
        var disallowed = await Assert.ThrowsAsync<JanusErrorException>(() => session.AttachAsync("janus.plugin.audiobridge"));
        Assert.Equal(JanusErrorCode.UnauthorizedPlugin, disallowed.CoreCode);

        // Removed: every request carrying it is refused from now on.
        await admin.RemoveTokenAsync(token);
        Assert.Empty(await admin.ListTokensAsync());
        var refused = await Assert.ThrowsAsync<JanusErrorException>(() => connection.CreateSessionAsync());
        Assert.Equal(JanusErrorCode.Unauthorized, refused.CoreCode);
        var keepalive = await Assert.ThrowsAsync<JanusErrorException>(() => session.KeepaliveAsync());
        Assert.Equal(JanusErrorCode.Unauthorized, keepalive.CoreCode);
        // Janus 1.1.2 answers removing an unknown token with 490 "Error removing token" (src/janus.c), not 470.
        var unknown = await Assert.ThrowsAsync<JanusErrorException>(() => admin.RemoveTokenAsync(token));
        Assert.Equal((JanusErrorCode.Unknown, "Error removing token"), (unknown.CoreCode, unknown.Reason));
    }
}
