namespace JanusFleet.Janus.VideoRoom;

/// <summary>A feed (and optionally one of its streams) to subscribe to or unsubscribe from.</summary>
public sealed record VideoRoomSubscription(JanusId Feed, string? Mid = null);
