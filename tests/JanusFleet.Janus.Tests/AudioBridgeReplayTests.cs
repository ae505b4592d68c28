using JanusFleet.Janus.AudioBridge;
using JanusFleet.Janus.Tests.Support;

namespace JanusFleet.Janus.Tests;

public sealed class AudioBridgeReplayTests
{
    [Fact]
    public async Task A_participant_joins_a_mix_mutes_itself_and_leaves_with_typed_answers()
    {
        var transport = ReplayTransport.FromFile("audiobridge");
        await using var connection = await Replay.ConnectAsync(transport);
        var session = await connection.CreateSessionAsync();
        var mixer = await AudioBridgeHandle.AttachAsync(session);

        Assert.Equal(8181, await mixer.CreateRoomAsync(8181, new AudioBridgeRoomOptions { Description = "mix", SamplingRate = 16000, Secret = "s" }));
        Assert.True(await mixer.RoomExistsAsync(8181));
        var missing = await Assert.ThrowsAsync<JanusErrorException>(() => mixer.JoinAsync(8282, new AudioBridgeJoinOptions { Display = "carol" }));
        Assert.Equal(AudioBridgeErrorCode.NoSuchRoom, missing.AudioBridgeCode);
        Assert.Equal("janus.plugin.audiobridge", missing.Plugin);

        var joined = await mixer.JoinAsync(8181, new AudioBridgeJoinOptions { Display = "carol" });
        Assert.Equal((8181L, 8960405113948043L, null as Jsep), (joined.Room, joined.Id, joined.Jsep));
        var carol = Assert.Single(await mixer.ListParticipantsAsync(8181));
        Assert.Equal(("carol", false, false), (carol.Display, carol.Setup, carol.Muted));
        Assert.Null(await mixer.ConfigureAsync(new AudioBridgeConfigureOptions { Muted = true }));
        await mixer.LeaveAsync();
        await mixer.DestroyRoomAsync(8181, "s");
        await session.DestroyAsync();
        transport.AssertFinished();
    }
}
