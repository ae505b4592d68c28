using JanusFleet.Janus.Tests.Support;
using JanusFleet.Janus.VideoRoom;

namespace JanusFleet.Janus.Tests;

public sealed class VideoRoomReplayTests
{
    [Fact]
    public async Task A_room_is_created_inspected_edited_listed_and_destroyed_with_typed_answers()
    {
        var transport = ReplayTransport.FromFile("videoroom-rooms");
        await using var connection = await Replay.ConnectAsync(transport);
        var session = await connection.CreateSessionAsync();
        var videoRoom = await VideoRoomHandle.AttachAsync(session);

        var room = await videoRoom.CreateRoomAsync(4343, new VideoRoomRoomOptions
        {
            Description = "standup",
            Publishers = 3,
            Bitrate = 512000,
            NotifyJoining = false,
            Permanent = false,
        });
        Assert.Equal(4343, room);

        var exists = await Assert.ThrowsAsync<JanusErrorException>(() => videoRoom.CreateRoomAsync(4343));
        Assert.Equal(VideoRoomErrorCode.RoomExists, exists.VideoRoomCode);
        Assert.Equal("janus.plugin.videoroom", exists.Plugin);

        Assert.True(await videoRoom.RoomExistsAsync(4343));
        await videoRoom.EditRoomAsync(4343, new VideoRoomEditOptions { NewDescription = "retro" });
        var listed = Assert.Single(await videoRoom.ListRoomsAsync(), r => r.Room == 4343);
        Assert.Equal(("retro", 3, false), (listed.Description, listed.MaxPublishers, listed.NotifyJoining));
        Assert.Empty(await videoRoom.ListParticipantsAsync(4343));
        Assert.Empty(await videoRoom.ListForwardersAsync(4343));

        var missing = await Assert.ThrowsAsync<JanusErrorException>(() => videoRoom.ListParticipantsAsync(999));
        Assert.Equal(VideoRoomErrorCode.NoSuchRoom, missing.VideoRoomCode);
        Assert.Null(missing.CoreCode);

        Assert.Empty(await videoRoom.AllowedAsync(4343, "enable"));
        await videoRoom.DestroyRoomAsync(4343);
        await session.DestroyAsync();
        transport.AssertFinished();
    }

    [Fact]
    public async Task A_publisher_join_waits_past_the_ack_for_the_joined_event()
    {
        var transport = ReplayTransport.FromFile("videoroom-publisher");
        await using var connection = await Replay.ConnectAsync(transport);
        var session = await connection.CreateSessionAsync();
        var videoRoom = await VideoRoomHandle.AttachAsync(session);
        await videoRoom.CreateRoomAsync(5151, new VideoRoomRoomOptions { Publishers = 2 });

        var joined = await videoRoom.JoinAsPublisherAsync(5151, new VideoRoomPublisherJoinOptions { Display = "alice" });

        Assert.Equal(5151, joined.Room);
        Assert.NotEqual(0, joined.Id);
        Assert.NotEqual(0, joined.PrivateId);
        Assert.Empty(joined.Publishers);

        var again = await Assert.ThrowsAsync<JanusErrorException>(() => videoRoom.JoinAsPublisherAsync(5151, new VideoRoomPublisherJoinOptions { Display = "alice" }));
        Assert.Equal(VideoRoomErrorCode.AlreadyJoined, again.VideoRoomCode);

        var alice = Assert.Single(await videoRoom.ListParticipantsAsync(5151));
        Assert.Equal((joined.Id, "alice", false), (alice.Id, alice.Display, alice.Publisher));
        await videoRoom.LeaveAsync();
        await videoRoom.DestroyRoomAsync(5151);
        await session.DestroyAsync();
        transport.AssertFinished();
        Assert.Equal(0, connection.Transactions.Count);
    }

    [Fact]
    public async Task Remote_publisher_requests_are_refused_locally_on_a_Janus_older_than_1_1()
    {
        var recorded = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Transcripts", "videoroom-publisher.txt"))
            .Replace("\"version\":1102", "\"version\":1024", StringComparison.Ordinal);
        var transport = new ReplayTransport(recorded);
        await using var connection = await Replay.ConnectAsync(transport);
        var session = await connection.CreateSessionAsync();
        var videoRoom = await VideoRoomHandle.AttachAsync(session);

        var refused = await Assert.ThrowsAsync<JanusUnsupportedException>(() => videoRoom.ListRemotesAsync(5151, 1));

        Assert.Equal((1100, 1024), (refused.RequiredVersion, refused.ActualVersion));
        Assert.Equal(3, transport.Sent.Count);
    }
}
