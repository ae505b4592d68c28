using JanusFleet.Janus.AudioBridge;
using TestHarness.Janus;

namespace JanusFleet.Janus.Tests.Integration;

public sealed class AudioBridgeIntegrationTests
{
    [Theory]
    [InlineData(JanusTransportKind.Http)]
    [InlineData(JanusTransportKind.WebSocket)]
    public async Task Every_AudioBridge_request_family_works_against_real_Janus(JanusTransportKind kind)
    {
        await using var janus = await JanusServer.StartAsync();
        await using var connection = await Live.ConnectAsync(janus, kind);
        await using var session = await connection.CreateSessionAsync();
        var moderator = await AudioBridgeHandle.AttachAsync(session);
        var speaker = await AudioBridgeHandle.AttachAsync(session);

        var room = await moderator.CreateRoomAsync(null, new AudioBridgeRoomOptions { Description = "mix", SamplingRate = 16000, Secret = "s", RecordDir = janus.RecordingFolder });
        Assert.True(await moderator.RoomExistsAsync(room));
        await moderator.EditRoomAsync(room, new AudioBridgeEditOptions { Secret = "s", NewDescription = "mix (edited)" });
        var listed = Assert.Single(await moderator.ListRoomsAsync(), r => r.Room == room);
        Assert.Equal(("mix (edited)", 16000), (listed.Description, listed.SamplingRate));

        var missing = await Assert.ThrowsAsync<JanusErrorException>(() => speaker.JoinAsync(room.Number + 1));
        Assert.Equal(AudioBridgeErrorCode.NoSuchRoom, missing.AudioBridgeCode);
        var joined = await speaker.JoinAsync(room, new AudioBridgeJoinOptions { Display = "carol" });
        Assert.Equal(room, joined.Room);
        var carol = Assert.Single(await moderator.ListParticipantsAsync(room));
        Assert.Equal((joined.Id, "carol", false), (carol.Id, carol.Display, carol.Muted));

        await speaker.ConfigureAsync(new AudioBridgeConfigureOptions { Muted = true });
        Assert.True(Assert.Single(await moderator.ListParticipantsAsync(room)).Muted);
        await moderator.UnmuteAsync(room, joined.Id, "s");
        await moderator.MuteAsync(room, joined.Id, "s");
        await moderator.EnableRecordingAsync(room, true, "s");
        await moderator.EnableRecordingAsync(room, false, "s");

        var forwarder = await moderator.RtpForwardAsync(room, new AudioBridgeRtpForwardOptions("127.0.0.1", 45000) { Secret = "s", AlwaysOn = true });
        Assert.Contains(await moderator.ListForwardersAsync(room, "s"), f => f.StreamId == forwarder && f.Port == 45000);
        await moderator.StopRtpForwardAsync(room, forwarder, "s");
        Assert.Empty(await moderator.ListForwardersAsync(room, "s"));

        var moved = await speaker.ChangeRoomAsync(janus.DefaultRoom, new AudioBridgeJoinOptions { Display = "carol" });
        Assert.Equal(janus.DefaultRoom, moved.Room);
        Assert.Empty(await moderator.ListParticipantsAsync(room));
        var back = await speaker.ChangeRoomAsync(room, new AudioBridgeJoinOptions { Display = "carol" });
        var unknown = await Assert.ThrowsAsync<JanusErrorException>(() => moderator.KickAsync(room, back.Id.Number + 1, "s"));
        Assert.Equal(AudioBridgeErrorCode.NoSuchUser, unknown.AudioBridgeCode);
        await moderator.KickAsync(room, back.Id, "s");
        await Live.EventuallyAsync(async () => (await moderator.ListParticipantsAsync(room)).Count == 0, TimeSpan.FromSeconds(10), "the kicked participant is gone");
        var notJoined = await Assert.ThrowsAsync<JanusErrorException>(() => speaker.LeaveAsync());
        Assert.NotNull(notJoined.AudioBridgeCode);

        var wrongSecret = await Assert.ThrowsAsync<JanusErrorException>(() => moderator.DestroyRoomAsync(room, "wrong"));
        Assert.Equal(AudioBridgeErrorCode.Unauthorized, wrongSecret.AudioBridgeCode);
        await moderator.DestroyRoomAsync(room, "s");
        Assert.False(await moderator.RoomExistsAsync(room));
    }
}
