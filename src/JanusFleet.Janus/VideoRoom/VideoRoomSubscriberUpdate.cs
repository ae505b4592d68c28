using System.Text.Json.Serialization;

namespace JanusFleet.Janus.VideoRoom;

/// <summary>A subscriber's streams after <c>join</c> ("attached") or <c>update</c>/<c>subscribe</c> ("updated"), with Janus's new offer.</summary>
public sealed record VideoRoomSubscriberUpdate
{
    /// <summary>The room.</summary>
    public JanusId Room { get; init; }

    /// <summary>The subscriber PeerConnection's streams.</summary>
    public IReadOnlyList<VideoRoomSubscriberStream> Streams { get; init; } = [];

    /// <summary>Janus's SDP offer to answer with <see cref="VideoRoomHandle.StartAsync"/>; null when no renegotiation is needed.</summary>
    [JsonIgnore]
    public Jsep? Jsep { get; init; }
}
