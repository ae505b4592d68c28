using JanusFleet.Janus.AudioBridge;
using JanusFleet.Janus.VideoRoom;
using TestHarness.Janus;

namespace JanusFleet.Janus.Tests.Integration;

/// <summary>Room and participant ids as strings, against a Janus whose VideoRoom and AudioBridge run with string_ids = true.</summary>
public sealed class StringIdsIntegrationTests
{
    [Theory]
    [InlineData(JanusTransportKind.Http)]
    [InlineData(JanusTransportKind.WebSocket)]
    public async Task String_room_and_participant_ids_work_end_to_end_and_a_numeric_id_is_refused(JanusTransportKind kind)
    {
        await using var janus = await JanusServer.StartAsync(new JanusOptions { StringIds = true });
        await using var connection = await Live.ConnectAsync(janus, kind);
        await using var session = await connection.CreateSessionAsync();

        // VideoRoom: a room named by the caller, one picked by Janus, a publisher with its own id and one given an id.
        var moderator = await VideoRoomHandle.AttachAsync(session);
        var publisher = await VideoRoomHandle.AttachAsync(session);
        var room = await moderator.CreateRoomAsync("all-hands", new VideoRoomRoomOptions { Description = "string room", Secret = "s" });
        Assert.Equal(new JanusId("all-hands"), room);
        Assert.True(room.IsString);
        var picked = await moderator.CreateRoomAsync(null);
        Assert.True(picked.IsString, $"Janus picked {picked}");
        Assert.True(await moderator.RoomExistsAsync("all-hands"));
        Assert.False(await moderator.RoomExistsAsync("no-such-room"));
        Assert.Contains(await moderator.ListRoomsAsync(), r => r.Room == room && r.Description == "string room");

        var joined = await publisher.JoinAsPublisherAsync(room, new VideoRoomPublisherJoinOptions { Id = "alice", Display = "Alice" });
        Assert.Equal((room, new JanusId("alice")), (joined.Room, joined.Id));
        var other = await VideoRoomHandle.AttachAsync(session);
        var generated = await other.JoinAsPublisherAsync(room, new VideoRoomPublisherJoinOptions { Display = "Bob" });
        Assert.True(generated.Id.IsString, $"Janus gave the participant {generated.Id}");
        var participants = await moderator.ListParticipantsAsync(room);
        Assert.Equal(new[] { generated.Id, joined.Id }.OrderBy(i => i.Text), participants.Select(p => p.Id).OrderBy(i => i.Text));
        await moderator.KickAsync(room, generated.Id, "s");
        await Live.EventuallyAsync(async () => (await moderator.ListParticipantsAsync(room)).All(p => p.Id != generated.Id), TimeSpan.FromSeconds(10), "the kicked participant is gone");

        var numeric = await Assert.ThrowsAsync<JanusErrorException>(() => moderator.RoomExistsAsync(1234));
        Assert.Equal(VideoRoomErrorCode.InvalidElement, numeric.VideoRoomCode);
        Assert.Throws<InvalidOperationException>(() => room.Number);
        await publisher.LeaveAsync();
        await moderator.DestroyRoomAsync(room, "s");
        await moderator.DestroyRoomAsync(picked);
        Assert.False(await moderator.RoomExistsAsync(room));

        // AudioBridge: the same shapes.
        var mixer = await AudioBridgeHandle.AttachAsync(session);
        var speaker = await AudioBridgeHandle.AttachAsync(session);
        var mix = await mixer.CreateRoomAsync("standup", new AudioBridgeRoomOptions { Secret = "s" });
        Assert.Equal(new JanusId("standup"), mix);
        Assert.True(await mixer.RoomExistsAsync(mix));
        var carol = await speaker.JoinAsync(mix, new AudioBridgeJoinOptions { Id = "carol", Display = "Carol" });
        Assert.Equal((mix, new JanusId("carol")), (carol.Room, carol.Id));
        Assert.Equal(carol.Id, Assert.Single(await mixer.ListParticipantsAsync(mix)).Id);
        await mixer.MuteAsync(mix, "carol", "s");
        Assert.True(Assert.Single(await mixer.ListParticipantsAsync(mix)).Muted);
        var wrongKind = await Assert.ThrowsAsync<JanusErrorException>(() => mixer.ListParticipantsAsync(1234));
        Assert.Equal(AudioBridgeErrorCode.InvalidElement, wrongKind.AudioBridgeCode);
        await speaker.LeaveAsync();
        await mixer.DestroyRoomAsync(mix, "s");
        Assert.False(await mixer.RoomExistsAsync(mix));
    }
}
