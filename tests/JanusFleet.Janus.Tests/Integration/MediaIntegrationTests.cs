using JanusFleet.Janus.VideoRoom;
using TestHarness.Chromium;
using TestHarness.Janus;
using TestHarness.Network;

namespace JanusFleet.Janus.Tests.Integration;

public sealed class MediaIntegrationTests
{
    private static readonly TimeSpan MediaTimeout = TimeSpan.FromSeconds(30);

    private static EventHandlers.JanusHandlerEvent Parsed(System.Text.Json.JsonElement e) => EventHandlers.JanusHandlerEvent.FromJson(e);

    [Theory]
    [InlineData(JanusTransportKind.Http)]
    [InlineData(JanusTransportKind.WebSocket)]
    public async Task Media_from_Chromium_flows_through_handles_this_client_negotiated(JanusTransportKind kind)
    {
        await using var ns = await NetworkNamespace.CreateAsync();
        await using var collector = JanusEventCollector.Start();
        await using var janus = await JanusServer.StartAsync(new JanusOptions { Namespace = ns, EventHandlerUrl = collector.Url });
        await using var browser = await ChromiumBrowser.LaunchAsync(ns);
        browser.Serve("/peer.html", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Integration", "Pages", "peer.html")));
        var peer = await browser.OpenAsync("/peer.html");
        await using var connection = await Live.ConnectAsync(janus, kind);
        await using var session = await connection.CreateSessionAsync();

        // 1. A publisher this client negotiates: Chromium makes the offer, the client carries it to the VideoRoom.
        var publisher = await VideoRoomHandle.AttachAsync(session, "media-publisher");
        var offer = await peer.EvaluateAsync<string>("name => window.makeOffer(name)", "pub");
        var joined = await publisher.JoinAndConfigureAsync(janus.DefaultRoom, Jsep.Offer(offer), new VideoRoomPublisherJoinOptions { Display = "chromium" });
        Assert.Equal("answer", joined.Jsep!.Type);
        await peer.EvaluateAsync("([name, sdp]) => window.acceptAnswer(name, sdp)", new[] { "pub", joined.Jsep.Sdp });
        await Live.NextAsync<JanusWebRtcUpEvent>(publisher.Handle, _ => true, MediaTimeout);
        var media = await Live.NextAsync<JanusMediaEvent>(publisher.Handle, m => m.Receiving, MediaTimeout);
        Assert.Contains(media.Type, new[] { "audio", "video" });

        // The event handler saw the same thing; its payloads parse into typed events.
        var up = await collector.WaitForAsync(e => Parsed(e) is { Type: EventHandlers.JanusEventType.WebRtc, Connection: "webrtcup" } ev && ev.HandleId == publisher.Handle.Id, MediaTimeout);
        var receiving = await collector.WaitForAsync(e => Parsed(e) is { Type: EventHandlers.JanusEventType.Media, Receiving: true } ev && ev.HandleId == publisher.Handle.Id, MediaTimeout);
        Assert.Equal(session.Id, Parsed(up).SessionId);
        Assert.Equal("media-publisher", Parsed(receiving).OpaqueId);

        // Forwarding a live publisher: plain RTP, and projection to a remote publisher in a second room (as a cascade would do).
        var forwarded = await publisher.RtpForwardAsync(janus.DefaultRoom, joined.Id, "127.0.0.1", [new VideoRoomRtpForwardStream("0", 47000)]);
        var forwarder = Assert.Single(forwarded.Forwarders);
        Assert.Contains(await publisher.ListForwardersAsync(janus.DefaultRoom), p => p.PublisherId == joined.Id && p.Forwarders.Any(f => f.StreamId == forwarder.StreamId));
        await publisher.StopRtpForwardAsync(janus.DefaultRoom, joined.Id, forwarder.StreamId);
        await publisher.ModerateAsync(janus.DefaultRoom, joined.Id, "0", mute: true);
        await publisher.ModerateAsync(janus.DefaultRoom, joined.Id, "0", mute: false);

        var cascadeRoom = await publisher.CreateRoomAsync(null, new VideoRoomRoomOptions { Description = "cascade target" });
        var endpoint = await publisher.AddRemotePublisherAsync(cascadeRoom, new VideoRoomRemotePublisherOptions
        {
            Display = "chromium (remote)",
            Iface = "127.0.0.1",
            Port = 47100,
            Streams =
            [
                new VideoRoomStream { Type = "audio", Mindex = 0, Mid = "0", Codec = "opus" },
                new VideoRoomStream { Type = "video", Mindex = 1, Mid = "1", Codec = "vp8" },
            ],
        });
        // Janus 1.1.2 answers add_remote_publisher before the remote publisher exists in the room: its own thread
        // (janus_videoroom_remote_publisher_thread) inserts it into the participants, so removing it too early gives 428.
        await Live.EventuallyAsync(async () => (await publisher.ListParticipantsAsync(cascadeRoom)).Any(p => p.Id == endpoint.Id), MediaTimeout, "the remote publisher joins the cascade room");
        await publisher.PublishRemotelyAsync(janus.DefaultRoom, joined.Id, new VideoRoomPublishRemotelyOptions("cascade-1", "127.0.0.1", endpoint.Port) { RtcpPort = endpoint.RtcpPort });
        var remotization = Assert.Single(await publisher.ListRemotesAsync(janus.DefaultRoom, joined.Id));
        Assert.Equal(("cascade-1", endpoint.Port), (remotization.RemoteId, remotization.Port));
        await publisher.UnpublishRemotelyAsync(janus.DefaultRoom, joined.Id, "cascade-1");
        Assert.Empty(await publisher.ListRemotesAsync(janus.DefaultRoom, joined.Id));
        await publisher.RemoveRemotePublisherAsync(cascadeRoom, endpoint.Id);
        await publisher.DestroyRoomAsync(cascadeRoom);

        // A publisher that joins first and publishes afterwards ("join", then "publish" carrying Chromium's offer), in a
        // room for one publisher: once it is live, a second publisher's offer is refused with 432 (publishers full).
        // Janus 1.1.2 counts only publishers whose PeerConnection is up (janus_videoroom.c, "Maximum number of
        // publishers"), so the refusal needs the real media above.
        var late = await VideoRoomHandle.AttachAsync(session, "media-late-publisher");
        var soloRoom = await late.CreateRoomAsync(null, new VideoRoomRoomOptions { Description = "one publisher", Publishers = 1 });
        var lateJoined = await late.JoinAsPublisherAsync(soloRoom, new VideoRoomPublisherJoinOptions { Display = "chromium (late)" });
        Assert.DoesNotContain(await late.ListParticipantsAsync(soloRoom), p => p.Id == lateJoined.Id && p.Publisher);
        var lateOffer = await peer.EvaluateAsync<string>("name => window.makeOffer(name)", "late");
        var lateAnswer = await late.PublishAsync(Jsep.Offer(lateOffer));
        Assert.Equal("answer", lateAnswer.Type);
        await peer.EvaluateAsync("([name, sdp]) => window.acceptAnswer(name, sdp)", new[] { "late", lateAnswer.Sdp });
        await Live.NextAsync<JanusWebRtcUpEvent>(late.Handle, _ => true, MediaTimeout);
        await Live.EventuallyAsync(async () => (await late.ListParticipantsAsync(soloRoom)).Any(p => p.Id == lateJoined.Id && p.Publisher), MediaTimeout, "the late publisher is listed as publishing");
        var second = await VideoRoomHandle.AttachAsync(session, "media-second-publisher");
        await second.JoinAsPublisherAsync(soloRoom, new VideoRoomPublisherJoinOptions { Display = "one too many" });
        var secondOffer = await peer.EvaluateAsync<string>("name => window.makeOffer(name)", "second");
        var full = await Assert.ThrowsAsync<JanusErrorException>(() => second.PublishAsync(Jsep.Offer(secondOffer)));
        Assert.Equal((VideoRoomErrorCode.PublishersFull, "janus.plugin.videoroom"), (full.VideoRoomCode, full.Plugin));
        await second.LeaveAsync();
        await second.Handle.DetachAsync();
        await late.UnpublishAsync();
        await late.LeaveAsync();
        await late.DestroyRoomAsync(soloRoom);

        // 2. A harness page publishes on its own; this client subscribes to it and Chromium answers Janus's offer.
        var alice = await browser.OpenPublisherAsync(janus.HttpUrl, janus.DefaultRoom, "alice", apiSecret: janus.ApiSecret);
        var published = await alice.WaitForAsync(s => (s.WebRtcUp && s.MediaVideo) || s.Errors.Count > 0, MediaTimeout);
        Assert.True(published.Errors.Count == 0, string.Join("; ", published.Errors));
        var subscriber = await VideoRoomHandle.AttachAsync(session, "media-subscriber");
        var attached = await subscriber.JoinAsSubscriberAsync(janus.DefaultRoom, [new VideoRoomSubscription(published.FeedId!.Value)], new VideoRoomSubscriberJoinOptions { PrivateId = joined.PrivateId });
        Assert.Equal("offer", attached.Jsep!.Type);
        Assert.Contains(attached.Streams, s => s.FeedId == published.FeedId && s.Type == "video");
        var answer = await peer.EvaluateAsync<string>("([name, sdp]) => window.answerOffer(name, sdp)", new[] { "sub", attached.Jsep.Sdp });
        await subscriber.StartAsync(Jsep.Answer(answer));
        await Live.NextAsync<JanusWebRtcUpEvent>(subscriber.Handle, _ => true, MediaTimeout);

        // No "media receiving: true" can come for a subscriber handle, so the strongest real signal that media flows on
        // it is asserted instead: Janus's own media statistics for the subscriber handle, through the event handler,
        // counting bytes it sent to the peer. Evidence, Janus 1.1.2 src/ice.c: janus_ice_notify_media has three callers;
        // the only one with up = TRUE is in janus_ice_cb_nice_recv's RTP branch, on the first RTP packet of a medium (or
        // the first after a gap) *received from the peer*; the RTCP branch and the data-channel path never call it, and
        // the two up = FALSE calls (janus_ice_outgoing_stats_handle, janus_ice_outgoing_traffic_handle) need RTP received
        // before. A subscriber's PeerConnection only carries media out of Janus: the VideoRoom offers sendonly m-lines, a
        // browser cannot answer a sendonly offer with sendrecv, so it sends Janus RTCP alone; there is no "media" event for
        // outgoing streams in 1.1.2, and "slowlink" comes only with losses. janus_ice_outgoing_stats_handle, however,
        // reports every stats_period (1 s in the harness) per medium "bytes-sent"/"packets-sent" for each handle to the
        // event handlers (type 32, subtype 3): for the subscriber, that is the publisher's media leaving Janus towards it.
        await Live.EventuallyAsync(async () => await peer.EvaluateAsync<long>("name => window.inboundBytes(name)", "sub") > 10_000, MediaTimeout, "the subscriber page receives the publisher's media");
        var subscriberStats = Parsed(await collector.WaitForAsync(
            e => Parsed(e) is { Type: EventHandlers.JanusEventType.Media, BytesSent: > 10_000 } ev && ev.HandleId == subscriber.Handle.Id,
            MediaTimeout));
        Assert.Equal((session.Id, "media-subscriber"), (subscriberStats.SessionId, subscriberStats.OpaqueId));
        Assert.True(subscriberStats.PacketsSent > 0, "Janus counts the packets it sent to the subscriber");
        var subscriberEvents = new List<JanusEvent>();
        while (subscriber.Handle.Events.TryRead(out var early))
        {
            subscriberEvents.Add(early);
        }

        // And the media events stay absent, so a Janus that starts reporting them for subscribers shows up here.
        Assert.DoesNotContain(subscriberEvents, e => e is JanusMediaEvent);

        // Reshaping the subscription: per-stream settings, one more feed (renegotiated), a switch, and unsubscribing again.
        var subAudio = attached.Streams.First(s => s.Type == "audio").Mid!;
        var subVideo = attached.Streams.First(s => s.Type == "video").Mid!;
        await subscriber.ConfigureSubscriberAsync([new VideoRoomStreamConfiguration(subAudio) { Send = false }]);
        var more = await subscriber.SubscribeAsync([new VideoRoomSubscription(joined.Id, "1")]);
        Assert.Contains(more.Streams, s => s.FeedId == joined.Id);
        Assert.Equal("offer", more.Jsep?.Type);
        await RenegotiateAsync(subscriber, peer, more);
        await subscriber.SwitchAsync([new VideoRoomSwitch(joined.Id, "1", subVideo)]);
        var fewer = await subscriber.UnsubscribeAsync([new VideoRoomSubscription(joined.Id, "1")]);
        await RenegotiateAsync(subscriber, peer, fewer);
        var both = await subscriber.UpdateAsync([new VideoRoomSubscription(published.FeedId!.Value)], null);
        await RenegotiateAsync(subscriber, peer, both);

        // 3. An AudioBridge participant with real audio: the join carries Chromium's offer.
        var mixer = await AudioBridge.AudioBridgeHandle.AttachAsync(session, "media-audiobridge");
        var audioOffer = await peer.EvaluateAsync<string>("([name, audioOnly]) => window.makeOffer(name, audioOnly)", new object[] { "mix", true });
        var inMix = await mixer.JoinAsync(janus.DefaultRoom, new AudioBridge.AudioBridgeJoinOptions { Display = "chromium" }, Jsep.Offer(audioOffer));
        Assert.Equal("answer", inMix.Jsep!.Type);
        await peer.EvaluateAsync("([name, sdp]) => window.acceptAnswer(name, sdp)", new[] { "mix", inMix.Jsep.Sdp });
        await Live.NextAsync<JanusWebRtcUpEvent>(mixer.Handle, _ => true, MediaTimeout);
        var mixed = await Live.NextAsync<JanusMediaEvent>(mixer.Handle, m => m.Receiving, MediaTimeout);
        Assert.Equal("audio", mixed.Type);
        await Live.EventuallyAsync(async () => (await mixer.ListParticipantsAsync(janus.DefaultRoom)).Any(p => p.Id == inMix.Id && p.Setup), MediaTimeout, "the AudioBridge reports the participant's PeerConnection as set up");
        await mixer.LeaveAsync();

        // Pausing and resuming, then leaving, are answered by the plugin.
        await subscriber.PauseAsync();
        await subscriber.ResumeAsync();
        await subscriber.LeaveAsync();
        await publisher.UnpublishAsync();
        await publisher.LeaveAsync();
    }

    private static async Task RenegotiateAsync(VideoRoomHandle subscriber, Microsoft.Playwright.IPage peer, VideoRoomSubscriberUpdate update)
    {
        if (update.Jsep is { } offer)
        {
            var answer = await peer.EvaluateAsync<string>("([name, sdp]) => window.reanswer(name, sdp)", new[] { "sub", offer.Sdp });
            await subscriber.StartAsync(Jsep.Answer(answer));
        }
    }
}
