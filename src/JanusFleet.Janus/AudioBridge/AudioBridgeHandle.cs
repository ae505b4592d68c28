using System.Text.Json;
using JanusFleet.Janus.Internal;

namespace JanusFleet.Janus.AudioBridge;

/// <summary>
/// A handle attached to the AudioBridge plugin with typed requests: rooms, participants, moderation, recording and
/// RTP forwarding of the mix. Plugin refusals throw <see cref="JanusErrorException"/> with
/// <see cref="JanusErrorException.AudioBridgeCode"/> set.
/// </summary>
public sealed class AudioBridgeHandle : IAsyncDisposable
{
    private static readonly JanusJsonContext Json = JanusJsonContext.Default;

    private AudioBridgeHandle(JanusHandle handle)
    {
        Handle = handle;
    }

    /// <summary>The underlying handle (events, trickle, hangup, detach).</summary>
    public JanusHandle Handle { get; }

    /// <summary>Attaches a new handle to the AudioBridge plugin.</summary>
    public static async Task<AudioBridgeHandle> AttachAsync(JanusSession session, string? opaqueId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var handle = await session.AttachAsync(JanusProtocol.AudioBridgePlugin, opaqueId, cancellationToken).ConfigureAwait(false);
        return new AudioBridgeHandle(handle);
    }

    /// <summary>Creates a room; <paramref name="room"/> null lets Janus pick the id. Returns the room id.</summary>
    public async Task<JanusId> CreateRoomAsync(JanusId? room, AudioBridgeRoomOptions? options = null, CancellationToken cancellationToken = default)
    {
        var r = await SendAsync("create", w =>
        {
            if (room is { } id)
            {
                id.WriteTo(w, "room");
            }

            BodyWriter.Members(w, options, Json.AudioBridgeRoomOptions);
        }, null, cancellationToken).ConfigureAwait(false);
        return JanusId.Read(r.Data, "room");
    }

    /// <summary>Changes a room's settings.</summary>
    public Task EditRoomAsync(JanusId room, AudioBridgeEditOptions options, CancellationToken cancellationToken = default) =>
        SendAsync("edit", w =>
        {
            room.WriteTo(w, "room");
            BodyWriter.Members(w, options, Json.AudioBridgeEditOptions);
        }, null, cancellationToken);

    /// <summary>Destroys a room.</summary>
    public Task DestroyRoomAsync(JanusId room, string? secret = null, bool? permanent = null, CancellationToken cancellationToken = default) =>
        SendAsync("destroy", w =>
        {
            room.WriteTo(w, "room");
            BodyWriter.OptionalString(w, "secret", secret);
            if (permanent is { } p)
            {
                w.WriteBoolean("permanent", p);
            }
        }, null, cancellationToken);

    /// <summary>Whether a room exists.</summary>
    public async Task<bool> RoomExistsAsync(JanusId room, CancellationToken cancellationToken = default)
    {
        var r = await SendAsync("exists", w => room.WriteTo(w, "room"), null, cancellationToken).ConfigureAwait(false);
        return EventParser.Bool(r.Data, "exists");
    }

    /// <summary>Lists the public rooms.</summary>
    public async Task<IReadOnlyList<AudioBridgeRoomInfo>> ListRoomsAsync(CancellationToken cancellationToken = default)
    {
        var r = await SendAsync("list", null, null, cancellationToken).ConfigureAwait(false);
        return r.Read(Json.AudioBridgeListWire).List ?? [];
    }

    /// <summary>Lists a room's participants (served on demand, instead of fanning out joins).</summary>
    public async Task<IReadOnlyList<AudioBridgeParticipant>> ListParticipantsAsync(JanusId room, CancellationToken cancellationToken = default)
    {
        var r = await SendAsync("listparticipants", w => room.WriteTo(w, "room"), null, cancellationToken).ConfigureAwait(false);
        return r.Read(Json.AudioBridgeParticipantsWire).Participants ?? [];
    }

    /// <summary>Joins a room, optionally with an SDP offer (the result then carries Janus's answer).</summary>
    public async Task<AudioBridgeJoined> JoinAsync(JanusId room, AudioBridgeJoinOptions? options = null, Jsep? offer = null, CancellationToken cancellationToken = default)
    {
        var r = await SendAsync("join", w =>
        {
            room.WriteTo(w, "room");
            BodyWriter.Members(w, options, Json.AudioBridgeJoinOptions);
        }, offer, cancellationToken).ConfigureAwait(false);
        return r.Read(Json.AudioBridgeJoined) with { Jsep = r.Jsep };
    }

    /// <summary>Changes one's own settings, optionally renegotiating; returns Janus's answer if one was needed.</summary>
    public async Task<Jsep?> ConfigureAsync(AudioBridgeConfigureOptions options, Jsep? offer = null, CancellationToken cancellationToken = default)
    {
        var r = await SendAsync("configure", w => BodyWriter.Members(w, options, Json.AudioBridgeConfigureOptions), offer, cancellationToken).ConfigureAwait(false);
        return r.Jsep;
    }

    /// <summary>Moves this participant to another room without a new PeerConnection.</summary>
    public async Task<AudioBridgeJoined> ChangeRoomAsync(JanusId room, AudioBridgeJoinOptions? options = null, CancellationToken cancellationToken = default)
    {
        var r = await SendAsync("changeroom", w =>
        {
            room.WriteTo(w, "room");
            BodyWriter.Members(w, options, Json.AudioBridgeJoinOptions);
        }, null, cancellationToken).ConfigureAwait(false);
        return r.Read(Json.AudioBridgeJoined) with { Jsep = r.Jsep };
    }

    /// <summary>Leaves the room.</summary>
    public Task LeaveAsync(CancellationToken cancellationToken = default) =>
        SendAsync("leave", null, null, cancellationToken);

    /// <summary>Mutes a participant, as a moderator.</summary>
    public Task MuteAsync(JanusId room, JanusId participantId, string? secret = null, CancellationToken cancellationToken = default) =>
        ModerateAsync("mute", room, participantId, secret, cancellationToken);

    /// <summary>Unmutes a participant, as a moderator.</summary>
    public Task UnmuteAsync(JanusId room, JanusId participantId, string? secret = null, CancellationToken cancellationToken = default) =>
        ModerateAsync("unmute", room, participantId, secret, cancellationToken);

    /// <summary>Kicks a participant out of a room.</summary>
    public Task KickAsync(JanusId room, JanusId participantId, string? secret = null, CancellationToken cancellationToken = default) =>
        ModerateAsync("kick", room, participantId, secret, cancellationToken);

    /// <summary>Starts or stops recording the room's mix.</summary>
    public Task EnableRecordingAsync(JanusId room, bool record, string? secret = null, CancellationToken cancellationToken = default) =>
        SendAsync("enable_recording", w =>
        {
            room.WriteTo(w, "room");
            w.WriteBoolean("record", record);
            BodyWriter.OptionalString(w, "secret", secret);
        }, null, cancellationToken);

    /// <summary>Forwards the room's mix over plain RTP; returns the forwarder id.</summary>
    public async Task<long> RtpForwardAsync(JanusId room, AudioBridgeRtpForwardOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var r = await SendAsync("rtp_forward", w =>
        {
            room.WriteTo(w, "room");
            BodyWriter.Members(w, options, Json.AudioBridgeRtpForwardOptions);
        }, null, cancellationToken).ConfigureAwait(false);
        return r.Read(Json.AudioBridgeStreamWire).StreamId;
    }

    /// <summary>Stops an RTP forwarder of the mix.</summary>
    public Task StopRtpForwardAsync(JanusId room, long streamId, string? secret = null, CancellationToken cancellationToken = default) =>
        SendAsync("stop_rtp_forward", w =>
        {
            room.WriteTo(w, "room");
            w.WriteNumber("stream_id", streamId);
            BodyWriter.OptionalString(w, "secret", secret);
        }, null, cancellationToken);

    /// <summary>Lists the RTP forwarders of a room's mix.</summary>
    public async Task<IReadOnlyList<AudioBridgeForwarder>> ListForwardersAsync(JanusId room, string? secret = null, CancellationToken cancellationToken = default)
    {
        var r = await SendAsync("listforwarders", w =>
        {
            room.WriteTo(w, "room");
            BodyWriter.OptionalString(w, "secret", secret);
        }, null, cancellationToken).ConfigureAwait(false);
        return r.Read(Json.AudioBridgeForwardersWire).RtpForwarders ?? [];
    }

    /// <summary>Detaches the handle (best effort).</summary>
    public ValueTask DisposeAsync() => Handle.DisposeAsync();

    private Task<JanusPluginResponse> ModerateAsync(string request, JanusId room, JanusId participantId, string? secret, CancellationToken cancellationToken) =>
        SendAsync(request, w =>
        {
            room.WriteTo(w, "room");
            participantId.WriteTo(w, "id");
            BodyWriter.OptionalString(w, "secret", secret);
        }, null, cancellationToken);

    private Task<JanusPluginResponse> SendAsync(string request, Action<Utf8JsonWriter>? fields, Jsep? jsep, CancellationToken cancellationToken) =>
        Handle.SendCoreAsync(BodyWriter.Request(request, fields), jsep, cancellationToken);
}
