namespace JanusFleet.Janus.VideoRoom;

/// <summary>Points a subscriber's stream <see cref="SubMid"/> at another publisher's stream without renegotiating.</summary>
public sealed record VideoRoomSwitch(JanusId Feed, string Mid, string SubMid);
