using System.Text.Json;
using JanusFleet.Janus.VideoRoom;
using TestHarness.Janus;

namespace JanusFleet.Janus.Tests.Integration;

public sealed class CoreAndVideoRoomIntegrationTests
{
    [Theory]
    [InlineData(JanusTransportKind.Http)]
    [InlineData(JanusTransportKind.WebSocket)]
    public async Task Every_core_request_works_against_real_Janus(JanusTransportKind kind)
    {
        await using var janus = await JanusServer.StartAsync();
        await using var connection = await Live.ConnectAsync(janus, kind);
        using var admin = Live.Admin(janus);

        Assert.Equal(1102, connection.ServerInfo.Version);
        var serverInfo = await connection.GetServerInfoAsync();
        Assert.Equal(1102, serverInfo.Version);
        // The module maps are read from the answer on first use.
        Assert.Equal("JANUS VideoRoom plugin", serverInfo.Plugins["janus.plugin.videoroom"].Name);
        Assert.Contains("janus.plugin.audiobridge", serverInfo.Plugins.Keys);
        Assert.Equal(["janus.transport.http", "janus.transport.websockets"], serverInfo.Transports.Keys.Order());
        Assert.Equal(serverInfo.Plugins.Keys.Order(), (await admin.GetInfoAsync()).Plugins.Keys.Order());
        var session = await connection.CreateSessionAsync();
        var handle = await session.AttachAsync("janus.plugin.videoroom", "fleet-test-opaque");
        await session.KeepaliveAsync();

        var info = await admin.GetHandleInfoAsync(session.Id, handle.Id);
        Assert.Equal("fleet-test-opaque", info.GetProperty("opaque_id").GetString());

        var body = JsonDocument.Parse("""{"request":"exists","room":1234}""").RootElement;
        var exists = await handle.SendMessageAsync(body);
        Assert.True(exists.Data.GetProperty("exists").GetBoolean());

        var candidate = new IceCandidate("candidate:1 1 udp 2122260223 127.0.0.2 50000 typ host", "0", 0);
        await handle.TrickleAsync(candidate);
        await handle.TrickleAsync([candidate, candidate with { Candidate = "candidate:2 1 udp 2122260223 127.0.0.2 50002 typ host" }]);
        await handle.TrickleCompletedAsync();
        await handle.HangupAsync();
        await handle.DetachAsync();
        await Live.EventuallyAsync(async () => !(await admin.ListHandlesAsync(session.Id)).Contains(handle.Id), TimeSpan.FromSeconds(10), "Janus drops the detached handle");

        var claimed = await connection.ClaimSessionAsync(session.Id);
        Assert.Same(session, claimed);
        await session.DestroyAsync();
        await Live.EventuallyAsync(async () => !(await admin.ListSessionsAsync()).Contains(session.Id), TimeSpan.FromSeconds(10), "Janus drops the destroyed session");
    }

    [Theory]
    [InlineData(JanusTransportKind.Http)]
    [InlineData(JanusTransportKind.WebSocket)]
    public async Task Every_VideoRoom_request_family_works_against_real_Janus(JanusTransportKind kind)
    {
        await using var janus = await JanusServer.StartAsync();
        await using var connection = await Live.ConnectAsync(janus, kind);
        await using var session = await connection.CreateSessionAsync();
        var moderator = await VideoRoomHandle.AttachAsync(session);
        var publisher = await VideoRoomHandle.AttachAsync(session);
        var subscriber = await VideoRoomHandle.AttachAsync(session);

        var room = await moderator.CreateRoomAsync(null, new VideoRoomRoomOptions { Description = "all hands", Publishers = 4, NotifyJoining = false, RecDir = janus.RecordingFolder, Secret = "s" });
        Assert.True(await moderator.RoomExistsAsync(room));
        await moderator.EditRoomAsync(room, new VideoRoomEditOptions { Secret = "s", NewDescription = "all hands (edited)" });
        Assert.Equal("all hands (edited)", Assert.Single(await moderator.ListRoomsAsync(), r => r.Room == room).Description);
        Assert.Equal(["tok-1"], await moderator.AllowedAsync(room, "add", ["tok-1"], "s"));
        Assert.Empty(await moderator.AllowedAsync(room, "disable", null, "s"));
        await moderator.EnableRecordingAsync(room, false, "s");

        var joined = await publisher.JoinAsPublisherAsync(room, new VideoRoomPublisherJoinOptions { Display = "alice" });
        Assert.Equal("alice", Assert.Single(await moderator.ListParticipantsAsync(room)).Display);
        Assert.Empty(await moderator.ListForwardersAsync(room, "s"));
        var notPublishing = await Assert.ThrowsAsync<JanusErrorException>(() => publisher.UnpublishAsync());
        Assert.Equal(VideoRoomErrorCode.NotPublished, notPublishing.VideoRoomCode);
        await publisher.ConfigurePublisherAsync(new VideoRoomPublishOptions { Display = "alice (host)" });
        var noFeed = await Assert.ThrowsAsync<JanusErrorException>(() => subscriber.JoinAsSubscriberAsync(room, [new VideoRoomSubscription(joined.Id)]));
        Assert.Contains(noFeed.VideoRoomCode, new VideoRoomErrorCode?[] { VideoRoomErrorCode.NoSuchFeed, VideoRoomErrorCode.InvalidElement });
        var moderateUnknown = await Assert.ThrowsAsync<JanusErrorException>(() => moderator.ModerateAsync(room, 999, "0", true, "s"));
        Assert.Equal(VideoRoomErrorCode.NoSuchFeed, moderateUnknown.VideoRoomCode);
        var forwardUnknown = await Assert.ThrowsAsync<JanusErrorException>(() => moderator.RtpForwardAsync(room, 999, "127.0.0.1", [new VideoRoomRtpForwardStream("0", 40000)], "s"));
        Assert.Equal(VideoRoomErrorCode.NoSuchFeed, forwardUnknown.VideoRoomCode);
        var stopUnknown = await Assert.ThrowsAsync<JanusErrorException>(() => moderator.StopRtpForwardAsync(room, joined.Id, 1, "s"));
        Assert.NotNull(stopUnknown.VideoRoomCode);

        // Remote publishers (1.1.x): announce one, see it listed, project nothing yet, remove it.
        var remote = await moderator.AddRemotePublisherAsync(room, new VideoRoomRemotePublisherOptions
        {
            Display = "bob (remote)",
            Iface = "127.0.0.1",
            Port = NextFreeUdpPort(),
            Secret = "s",
            Streams = [new VideoRoomStream { Type = "audio", Mindex = 0, Mid = "0", Codec = "opus" }],
        });
        Assert.Equal(room, remote.Room);
        Assert.NotEqual(0, remote.Port);
        await Live.EventuallyAsync(
            async () => (await moderator.ListParticipantsAsync(room)).Any(p => p.Id == remote.Id && p.Display == "bob (remote)"),
            TimeSpan.FromSeconds(10),
            "the remote publisher is listed as a participant");
        await moderator.UpdateRemotePublisherAsync(room, new VideoRoomRemotePublisherOptions { Id = remote.Id, Display = "bob (remote, renamed)", Secret = "s" });
        Assert.Empty(await moderator.ListRemotesAsync(room, joined.Id, "s"));
        var unknownRemotization = await Assert.ThrowsAsync<JanusErrorException>(() => moderator.UnpublishRemotelyAsync(room, joined.Id, "nope", "s"));
        Assert.NotNull(unknownRemotization.VideoRoomCode);
        await moderator.RemoveRemotePublisherAsync(room, remote.Id, "s");
        await Live.EventuallyAsync(
            async () => !(await moderator.ListParticipantsAsync(room)).Any(p => p.Id == remote.Id),
            TimeSpan.FromSeconds(10),
            "the removed remote publisher is gone");

        await moderator.KickAsync(room, joined.Id, "s");
        await Live.EventuallyAsync(async () => (await moderator.ListParticipantsAsync(room)).Count == 0, TimeSpan.FromSeconds(10), "the kicked publisher is gone");
        var wrongSecret = await Assert.ThrowsAsync<JanusErrorException>(() => moderator.DestroyRoomAsync(room, "wrong"));
        Assert.Equal(VideoRoomErrorCode.Unauthorized, wrongSecret.VideoRoomCode);
        await moderator.DestroyRoomAsync(room, "s");
        Assert.False(await moderator.RoomExistsAsync(room));
        var gone = await Assert.ThrowsAsync<JanusErrorException>(() => moderator.ListParticipantsAsync(room));
        Assert.Equal(VideoRoomErrorCode.NoSuchRoom, gone.VideoRoomCode);
    }

    private static int NextFreeUdpPort()
    {
        using var probe = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        return ((System.Net.IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }
}
