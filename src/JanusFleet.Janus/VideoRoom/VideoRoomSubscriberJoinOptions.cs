namespace JanusFleet.Janus.VideoRoom;

/// <summary>Extra settings for a multistream subscriber <c>join</c>.</summary>
public sealed record VideoRoomSubscriberJoinOptions
{
    /// <summary>The private id of the publisher this subscriber belongs to (rooms with require_pvtid).</summary>
    public long? PrivateId { get; init; }

    /// <summary>Whether Janus renegotiates automatically when a subscribed feed changes (default true).</summary>
    public bool? Autoupdate { get; init; }

    /// <summary>Whether to add msid attributes to the offer.</summary>
    public bool? UseMsid { get; init; }

    /// <summary>The room PIN.</summary>
    public string? Pin { get; init; }

    /// <summary>A room token.</summary>
    public string? Token { get; init; }
}
