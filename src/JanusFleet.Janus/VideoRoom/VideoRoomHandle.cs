using System.Text.Json;
using JanusFleet.Janus.Internal;

namespace JanusFleet.Janus.VideoRoom;

/// <summary>
/// A handle attached to the VideoRoom plugin with typed requests: room management, publishing, multistream
/// subscribing, RTP forwarding and remote publishers. Plugin refusals throw <see cref="JanusErrorException"/>
/// with <see cref="JanusErrorException.VideoRoomCode"/> set.
/// </summary>
public sealed class VideoRoomHandle : IAsyncDisposable
{
    private static readonly JanusJsonContext Json = JanusJsonContext.Default;

    private VideoRoomHandle(JanusHandle handle)
    {
        Handle = handle;
    }

    /// <summary>The underlying handle (events, trickle, hangup, detach).</summary>
    public JanusHandle Handle { get; }

    /// <summary>Attaches a new handle to the VideoRoom plugin.</summary>
    public static async Task<VideoRoomHandle> AttachAsync(JanusSession session, string? opaqueId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var handle = await session.AttachAsync(JanusProtocol.VideoRoomPlugin, opaqueId, cancellationToken).ConfigureAwait(false);
        return new VideoRoomHandle(handle);
    }

    // ---- Rooms ----

    /// <summary>Creates a room; <paramref name="room"/> null lets Janus pick the id. Returns the room id.</summary>
    public async Task<JanusId> CreateRoomAsync(JanusId? room, VideoRoomRoomOptions? options = null, CancellationToken cancellationToken = default)
    {
        var r = await SendAsync("create", w =>
        {
            if (room is { } id)
            {
                id.WriteTo(w, "room");
            }

            BodyWriter.Members(w, options, Json.VideoRoomRoomOptions);
        }, null, cancellationToken).ConfigureAwait(false);
        return r.Read(Json.VideoRoomCreatedWire).Room;
    }

    /// <summary>Changes a room's settings.</summary>
    public Task EditRoomAsync(JanusId room, VideoRoomEditOptions options, CancellationToken cancellationToken = default) =>
        SendAsync("edit", w =>
        {
            room.WriteTo(w, "room");
            BodyWriter.Members(w, options, Json.VideoRoomEditOptions);
        }, null, cancellationToken);

    /// <summary>Destroys a room; participants get a "destroyed" event.</summary>
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

    /// <summary>Changes a room's token allow list (<paramref name="action"/>: "enable", "disable", "add", "remove"); returns the list.</summary>
    public async Task<IReadOnlyList<string>> AllowedAsync(JanusId room, string action, IEnumerable<string>? allowed = null, string? secret = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        var r = await SendAsync("allowed", w =>
        {
            room.WriteTo(w, "room");
            w.WriteString("action", action);
            BodyWriter.OptionalString(w, "secret", secret);
            if (allowed is not null)
            {
                w.WriteStartArray("allowed");
                foreach (var token in allowed)
                {
                    w.WriteStringValue(token);
                }

                w.WriteEndArray();
            }
        }, null, cancellationToken).ConfigureAwait(false);
        return r.Read(Json.VideoRoomAllowedWire).Allowed ?? [];
    }

    /// <summary>Kicks a participant out of a room.</summary>
    public Task KickAsync(JanusId room, JanusId participantId, string? secret = null, CancellationToken cancellationToken = default) =>
        SendAsync("kick", w =>
        {
            room.WriteTo(w, "room");
            participantId.WriteTo(w, "id");
            BodyWriter.OptionalString(w, "secret", secret);
        }, null, cancellationToken);

    /// <summary>Mutes or unmutes one stream of a publisher, as a moderator.</summary>
    public Task ModerateAsync(JanusId room, JanusId participantId, string mid, bool mute, string? secret = null, CancellationToken cancellationToken = default) =>
        SendAsync("moderate", w =>
        {
            room.WriteTo(w, "room");
            participantId.WriteTo(w, "id");
            w.WriteString("mid", mid);
            w.WriteBoolean("mute", mute);
            BodyWriter.OptionalString(w, "secret", secret);
        }, null, cancellationToken);

    /// <summary>Lists the public rooms.</summary>
    public async Task<IReadOnlyList<VideoRoomInfo>> ListRoomsAsync(CancellationToken cancellationToken = default)
    {
        var r = await SendAsync("list", null, null, cancellationToken).ConfigureAwait(false);
        return r.Read(Json.VideoRoomListWire).List ?? [];
    }

    /// <summary>Lists a room's participants.</summary>
    public async Task<IReadOnlyList<VideoRoomParticipant>> ListParticipantsAsync(JanusId room, CancellationToken cancellationToken = default)
    {
        var r = await SendAsync("listparticipants", w => room.WriteTo(w, "room"), null, cancellationToken).ConfigureAwait(false);
        return r.Read(Json.VideoRoomParticipantsWire).Participants ?? [];
    }

    /// <summary>Lists a room's RTP forwarders, per publisher.</summary>
    public async Task<IReadOnlyList<VideoRoomPublisherForwarders>> ListForwardersAsync(JanusId room, string? secret = null, CancellationToken cancellationToken = default)
    {
        var r = await SendAsync("listforwarders", w =>
        {
            room.WriteTo(w, "room");
            BodyWriter.OptionalString(w, "secret", secret);
        }, null, cancellationToken).ConfigureAwait(false);
        return r.Read(Json.VideoRoomForwardersWire).Publishers ?? [];
    }

    /// <summary>Starts or stops recording every publisher of a room.</summary>
    public Task EnableRecordingAsync(JanusId room, bool record, string? secret = null, CancellationToken cancellationToken = default) =>
        SendAsync("enable_recording", w =>
        {
            room.WriteTo(w, "room");
            w.WriteBoolean("record", record);
            BodyWriter.OptionalString(w, "secret", secret);
        }, null, cancellationToken);

    /// <summary>Forwards a publisher's streams over plain RTP to <paramref name="host"/>.</summary>
    public async Task<VideoRoomPublisherForwarders> RtpForwardAsync(JanusId room, JanusId publisherId, string host, IReadOnlyList<VideoRoomRtpForwardStream> streams, string? secret = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentNullException.ThrowIfNull(streams);
        var r = await SendAsync("rtp_forward", w =>
        {
            room.WriteTo(w, "room");
            publisherId.WriteTo(w, "publisher_id");
            w.WriteString("host", host);
            BodyWriter.Value(w, "streams", streams.ToArray(), Json.VideoRoomRtpForwardStreamArray);
            BodyWriter.OptionalString(w, "secret", secret);
        }, null, cancellationToken).ConfigureAwait(false);
        return r.Read(Json.VideoRoomPublisherForwarders);
    }

    /// <summary>Stops one RTP forwarder.</summary>
    public Task StopRtpForwardAsync(JanusId room, JanusId publisherId, long streamId, string? secret = null, CancellationToken cancellationToken = default) =>
        SendAsync("stop_rtp_forward", w =>
        {
            room.WriteTo(w, "room");
            publisherId.WriteTo(w, "publisher_id");
            w.WriteNumber("stream_id", streamId);
            BodyWriter.OptionalString(w, "secret", secret);
        }, null, cancellationToken);

    // ---- Publisher ----

    /// <summary>Joins a room as a publisher (no media yet).</summary>
    public async Task<VideoRoomJoined> JoinAsPublisherAsync(JanusId room, VideoRoomPublisherJoinOptions? options = null, CancellationToken cancellationToken = default)
    {
        var r = await SendAsync("join", w =>
        {
            w.WriteString("ptype", "publisher");
            room.WriteTo(w, "room");
            BodyWriter.Members(w, options, Json.VideoRoomPublisherJoinOptions);
        }, null, cancellationToken).ConfigureAwait(false);
        return r.Read(Json.VideoRoomJoined) with { Jsep = r.Jsep };
    }

    /// <summary>Joins as a publisher and publishes <paramref name="offer"/> in one step; the result carries Janus's answer.</summary>
    public async Task<VideoRoomJoined> JoinAndConfigureAsync(JanusId room, Jsep offer, VideoRoomPublisherJoinOptions? join = null, VideoRoomPublishOptions? publish = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var r = await SendAsync("joinandconfigure", w =>
        {
            w.WriteString("ptype", "publisher");
            room.WriteTo(w, "room");
            BodyWriter.Members(w, join, Json.VideoRoomPublisherJoinOptions);
            BodyWriter.Members(w, publish, Json.VideoRoomPublishOptions);
        }, offer, cancellationToken).ConfigureAwait(false);
        return r.Read(Json.VideoRoomJoined) with { Jsep = r.Jsep };
    }

    /// <summary>Publishes media with <paramref name="offer"/>; returns Janus's answer.</summary>
    public async Task<Jsep> PublishAsync(Jsep offer, VideoRoomPublishOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var r = await SendAsync("publish", w => BodyWriter.Members(w, options, Json.VideoRoomPublishOptions), offer, cancellationToken).ConfigureAwait(false);
        return r.Jsep ?? throw new JanusErrorException((int)VideoRoomErrorCode.InvalidSdp, "Janus answered the publish without an SDP answer.", JanusProtocol.VideoRoomPlugin);
    }

    /// <summary>Changes publisher settings, optionally renegotiating with <paramref name="offer"/>; returns Janus's answer if one was needed.</summary>
    public async Task<Jsep?> ConfigurePublisherAsync(VideoRoomPublishOptions options, Jsep? offer = null, CancellationToken cancellationToken = default)
    {
        var r = await SendAsync("configure", w => BodyWriter.Members(w, options, Json.VideoRoomPublishOptions), offer, cancellationToken).ConfigureAwait(false);
        return r.Jsep;
    }

    /// <summary>Stops publishing; the participant stays in the room.</summary>
    public Task UnpublishAsync(CancellationToken cancellationToken = default) =>
        SendAsync("unpublish", null, null, cancellationToken);

    /// <summary>Leaves the room (publisher or subscriber).</summary>
    public Task LeaveAsync(CancellationToken cancellationToken = default) =>
        SendAsync("leave", null, null, cancellationToken);

    // ---- Multistream subscriber ----

    /// <summary>Joins as a subscriber to <paramref name="streams"/>; the result carries Janus's offer to answer with <see cref="StartAsync"/>.</summary>
    public async Task<VideoRoomSubscriberUpdate> JoinAsSubscriberAsync(JanusId room, IReadOnlyList<VideoRoomSubscription> streams, VideoRoomSubscriberJoinOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var r = await SendAsync("join", w =>
        {
            w.WriteString("ptype", "subscriber");
            room.WriteTo(w, "room");
            BodyWriter.Value(w, "streams", streams.ToArray(), Json.VideoRoomSubscriptionArray);
            BodyWriter.Members(w, options, Json.VideoRoomSubscriberJoinOptions);
        }, null, cancellationToken).ConfigureAwait(false);
        return r.Read(Json.VideoRoomSubscriberUpdate) with { Jsep = r.Jsep };
    }

    /// <summary>Answers Janus's subscriber offer and starts the media.</summary>
    public Task StartAsync(Jsep answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return SendAsync("start", null, answer, cancellationToken);
    }

    /// <summary>Pauses delivery of all subscribed streams.</summary>
    public Task PauseAsync(CancellationToken cancellationToken = default) =>
        SendAsync("pause", null, null, cancellationToken);

    /// <summary>Resumes delivery after <see cref="PauseAsync"/> (a "start" without a JSEP).</summary>
    public Task ResumeAsync(CancellationToken cancellationToken = default) =>
        SendAsync("start", null, null, cancellationToken);

    /// <summary>Adds and removes subscriptions in one renegotiation; the result carries Janus's new offer, if any.</summary>
    public async Task<VideoRoomSubscriberUpdate> UpdateAsync(IReadOnlyList<VideoRoomSubscription>? subscribe, IReadOnlyList<VideoRoomSubscription>? unsubscribe, CancellationToken cancellationToken = default)
    {
        var r = await SendAsync("update", w =>
        {
            if (subscribe is { Count: > 0 })
            {
                BodyWriter.Value(w, "subscribe", subscribe.ToArray(), Json.VideoRoomSubscriptionArray);
            }

            if (unsubscribe is { Count: > 0 })
            {
                BodyWriter.Value(w, "unsubscribe", unsubscribe.ToArray(), Json.VideoRoomSubscriptionArray);
            }
        }, null, cancellationToken).ConfigureAwait(false);
        return ReadUpdate(r);
    }

    /// <summary>Subscribes to more streams; the result carries Janus's new offer, if any.</summary>
    public async Task<VideoRoomSubscriberUpdate> SubscribeAsync(IReadOnlyList<VideoRoomSubscription> streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var r = await SendAsync("subscribe", w => BodyWriter.Value(w, "streams", streams.ToArray(), Json.VideoRoomSubscriptionArray), null, cancellationToken).ConfigureAwait(false);
        return ReadUpdate(r);
    }

    /// <summary>Unsubscribes from streams; the result carries Janus's new offer, if any.</summary>
    public async Task<VideoRoomSubscriberUpdate> UnsubscribeAsync(IReadOnlyList<VideoRoomSubscription> streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var r = await SendAsync("unsubscribe", w => BodyWriter.Value(w, "streams", streams.ToArray(), Json.VideoRoomSubscriptionArray), null, cancellationToken).ConfigureAwait(false);
        return ReadUpdate(r);
    }

    /// <summary>Switches subscribed streams to other publishers without renegotiating.</summary>
    public Task SwitchAsync(IReadOnlyList<VideoRoomSwitch> streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streams);
        return SendAsync("switch", w => BodyWriter.Value(w, "streams", streams.ToArray(), Json.VideoRoomSwitchArray), null, cancellationToken);
    }

    /// <summary>Changes per-stream subscriber settings (send, simulcast substream, temporal layer).</summary>
    public Task ConfigureSubscriberAsync(IReadOnlyList<VideoRoomStreamConfiguration> streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streams);
        return SendAsync("configure", w => BodyWriter.Value(w, "streams", streams.ToArray(), Json.VideoRoomStreamConfigurationArray), null, cancellationToken);
    }

    // ---- Remote publishers (Janus 1.1.0 and later) ----

    /// <summary>Announces a publisher that lives on another Janus; returns where to send its RTP.</summary>
    public async Task<VideoRoomRemotePublisherEndpoint> AddRemotePublisherAsync(JanusId room, VideoRoomRemotePublisherOptions options, CancellationToken cancellationToken = default)
    {
        EnsureRemotePublishers("add_remote_publisher");
        var r = await SendAsync("add_remote_publisher", w =>
        {
            room.WriteTo(w, "room");
            BodyWriter.Members(w, options, Json.VideoRoomRemotePublisherOptions);
        }, null, cancellationToken).ConfigureAwait(false);
        return r.Read(Json.VideoRoomRemotePublisherEndpoint);
    }

    /// <summary>Updates a remote publisher's display name or streams.</summary>
    public Task UpdateRemotePublisherAsync(JanusId room, VideoRoomRemotePublisherOptions options, CancellationToken cancellationToken = default)
    {
        EnsureRemotePublishers("update_remote_publisher");
        return SendAsync("update_remote_publisher", w =>
        {
            room.WriteTo(w, "room");
            BodyWriter.Members(w, options with { Iface = null, Port = null }, Json.VideoRoomRemotePublisherOptions);
        }, null, cancellationToken);
    }

    /// <summary>Removes a remote publisher; subscribers see it leave.</summary>
    public Task RemoveRemotePublisherAsync(JanusId room, JanusId id, string? secret = null, CancellationToken cancellationToken = default)
    {
        EnsureRemotePublishers("remove_remote_publisher");
        return SendAsync("remove_remote_publisher", w =>
        {
            room.WriteTo(w, "room");
            id.WriteTo(w, "id");
            BodyWriter.OptionalString(w, "secret", secret);
        }, null, cancellationToken);
    }

    /// <summary>Projects a local publisher to another Janus (whose <c>add_remote_publisher</c> gave the endpoint).</summary>
    public Task PublishRemotelyAsync(JanusId room, JanusId publisherId, VideoRoomPublishRemotelyOptions options, CancellationToken cancellationToken = default)
    {
        EnsureRemotePublishers("publish_remotely");
        return SendAsync("publish_remotely", w =>
        {
            room.WriteTo(w, "room");
            publisherId.WriteTo(w, "publisher_id");
            BodyWriter.Members(w, options, Json.VideoRoomPublishRemotelyOptions);
        }, null, cancellationToken);
    }

    /// <summary>Stops one projection of a local publisher (the remote side is not told).</summary>
    public Task UnpublishRemotelyAsync(JanusId room, JanusId publisherId, string remoteId, string? secret = null, CancellationToken cancellationToken = default)
    {
        EnsureRemotePublishers("unpublish_remotely");
        return SendAsync("unpublish_remotely", w =>
        {
            room.WriteTo(w, "room");
            publisherId.WriteTo(w, "publisher_id");
            w.WriteString("remote_id", remoteId);
            BodyWriter.OptionalString(w, "secret", secret);
        }, null, cancellationToken);
    }

    /// <summary>Lists the projections of a local publisher (the request is spelled <c>listremotes</c> in 1.1.2).</summary>
    public async Task<IReadOnlyList<VideoRoomRemotization>> ListRemotesAsync(JanusId room, JanusId publisherId, string? secret = null, CancellationToken cancellationToken = default)
    {
        EnsureRemotePublishers("listremotes");
        var r = await SendAsync("listremotes", w =>
        {
            room.WriteTo(w, "room");
            publisherId.WriteTo(w, "publisher_id");
            BodyWriter.OptionalString(w, "secret", secret);
        }, null, cancellationToken).ConfigureAwait(false);
        return r.Read(Json.VideoRoomRemotesWire).List ?? [];
    }

    /// <summary>Detaches the handle (best effort).</summary>
    public ValueTask DisposeAsync() => Handle.DisposeAsync();

    private static VideoRoomSubscriberUpdate ReadUpdate(JanusPluginResponse r) =>
        r.Data.TryGetProperty("streams", out _)
            ? r.Read(Json.VideoRoomSubscriberUpdate) with { Jsep = r.Jsep }
            : new VideoRoomSubscriberUpdate { Room = JanusId.Read(r.Data, "room"), Jsep = r.Jsep };

    private void EnsureRemotePublishers(string feature)
    {
        var info = Handle.Session.Connection.ServerInfo;
        if (!info.SupportsRemotePublishers)
        {
            throw new JanusUnsupportedException(feature, JanusProtocol.RemotePublishersVersion, info.Version);
        }
    }

    private Task<JanusPluginResponse> SendAsync(string request, Action<Utf8JsonWriter>? fields, Jsep? jsep, CancellationToken cancellationToken) =>
        Handle.SendCoreAsync(BodyWriter.Request(request, fields), jsep, cancellationToken);
}
