using System.Text;
using System.Text.Json;
using JanusFleet.Janus.EventHandlers;

namespace JanusFleet.Janus.Tests;

public sealed class EventHandlerPayloadTests
{
    private static IEnumerable<string> RecordedBodies() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Transcripts", "eventhandler.txt"))
            .Where(l => l.StartsWith('['));

    [Fact]
    public void Recorded_grouped_bodies_read_as_a_session_and_handle_lifecycle_with_plugin_events()
    {
        var events = RecordedBodies().SelectMany(b => JanusHandlerEvent.ParseBody(Encoding.UTF8.GetBytes(b))).ToList();

        Assert.Equal(
            [JanusEventType.Session, JanusEventType.Handle, JanusEventType.Plugin, JanusEventType.Plugin, JanusEventType.Plugin, JanusEventType.Handle, JanusEventType.Session],
            events.Select(e => e.Type));
        Assert.Equal(["created", "attached", null, null, null, "detached", "destroyed"], events.Select(e => e.Name));
        Assert.All(events, e => Assert.Equal(6347617411090598, e.SessionId));
        Assert.All(events, e => Assert.Equal("MyJanusInstance", e.Emitter));
        var attached = events[1];
        Assert.Equal(("janus.plugin.videoroom", "evh-probe", 4302711717283719L), (attached.Plugin, attached.OpaqueId, attached.HandleId));
        var joined = events[3].PluginData!.Value;
        Assert.Equal("joined", joined.GetProperty("event").GetString());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795614276817), events[0].Timestamp);
    }

    [Fact]
    public void WebRtc_and_media_events_expose_connection_receiving_and_loss()
    {
        var body = """
            [{"emitter":"j1","type":16,"subtype":6,"timestamp":1795614276817832,"session_id":1,"handle_id":2,"event":{"connection":"webrtcup"}},
             {"emitter":"j1","type":32,"subtype":1,"timestamp":1795614276817900,"session_id":1,"handle_id":2,"event":{"mid":"0","media":"audio","receiving":true}},
             {"emitter":"j1","type":32,"subtype":2,"timestamp":1795614276817999,"session_id":1,"handle_id":2,"event":{"mid":"1","media":"video","slow_link":"uplink","lost_lastsec":7}}]
            """;

        var events = JanusHandlerEvent.ParseBody(Encoding.UTF8.GetBytes(body));

        Assert.Equal(("webrtcup", (int)JanusWebRtcSubtype.ConnectionState), (events[0].Connection, events[0].Subtype));
        Assert.Equal(("audio", true), (events[1].Media, events[1].Receiving));
        Assert.Equal((JanusMediaSubtype.SlowLink, 7), ((JanusMediaSubtype)events[2].Subtype, events[2].Lost));
    }

    [Fact]
    public void Media_stats_expose_bytes_and_packets_per_medium_or_summed_when_combined()
    {
        // Shaped as Janus 1.1.2's janus_ice_outgoing_stats_handle writes them (src/ice.c): one event per medium, or one
        // array per PeerConnection with combine_media_stats.
        var body = """
            [{"emitter":"j1","type":32,"subtype":3,"timestamp":1,"session_id":1,"handle_id":3,"event":{"mid":"1","mindex":1,"media":"video","codec":"vp8","packets-received":0,"packets-sent":412,"bytes-received":0,"bytes-sent":381022,"bytes-sent-lastsec":90211}},
             {"emitter":"j1","type":32,"subtype":3,"timestamp":2,"session_id":1,"handle_id":3,"event":[{"mid":"0","media":"audio","packets-sent":50,"bytes-sent":4000,"packets-received":2,"bytes-received":100},{"mid":"1","media":"video","packets-sent":400,"bytes-sent":380000}]},
             {"emitter":"j1","type":32,"subtype":1,"timestamp":3,"session_id":1,"handle_id":3,"event":{"mid":"0","media":"audio","receiving":true}}]
            """;

        var events = JanusHandlerEvent.ParseBody(Encoding.UTF8.GetBytes(body));

        Assert.Equal((381022L, 412L, 0L, 0L), (events[0].BytesSent, events[0].PacketsSent, events[0].BytesReceived, events[0].PacketsReceived));
        Assert.Equal((384000L, 450L, 100L, 2L), (events[1].BytesSent, events[1].PacketsSent, events[1].BytesReceived, events[1].PacketsReceived));
        Assert.Null(events[2].BytesSent);
    }

    [Fact]
    public void A_single_ungrouped_event_and_garbage_are_told_apart()
    {
        var single = JanusHandlerEvent.ParseBody("""{"type":256,"subtype":2,"timestamp":0,"event":{"status":"shutdown"}}"""u8);

        Assert.Equal((JanusEventType.Core, 2), (Assert.Single(single).Type, single[0].Subtype));
        Assert.ThrowsAny<JsonException>(() => JanusHandlerEvent.ParseBody("42"u8));
        Assert.ThrowsAny<JsonException>(() => JanusHandlerEvent.ParseBody("not json"u8));
    }
}
