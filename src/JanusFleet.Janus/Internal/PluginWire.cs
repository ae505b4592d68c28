using JanusFleet.Janus.VideoRoom;

namespace JanusFleet.Janus.Internal;

// Shapes of VideoRoom and AudioBridge answers that only wrap a list or a flag; the public API unwraps them.
internal sealed record VideoRoomCreatedWire(long Room, bool Permanent);

internal sealed record VideoRoomExistsWire(long Room, bool Exists);

internal sealed record VideoRoomListWire(IReadOnlyList<VideoRoomInfo>? List);

internal sealed record VideoRoomParticipantsWire(long Room, IReadOnlyList<VideoRoomParticipant>? Participants);

internal sealed record VideoRoomForwardersWire(long Room, IReadOnlyList<VideoRoomPublisherForwarders>? Publishers);

internal sealed record VideoRoomAllowedWire(long Room, IReadOnlyList<string>? Allowed);

internal sealed record VideoRoomRemotesWire(long Room, IReadOnlyList<VideoRoomRemotization>? List);

internal sealed record AudioBridgeListWire(IReadOnlyList<JanusFleet.Janus.AudioBridge.AudioBridgeRoomInfo>? List);

internal sealed record AudioBridgeParticipantsWire(long Room, IReadOnlyList<JanusFleet.Janus.AudioBridge.AudioBridgeParticipant>? Participants);

internal sealed record AudioBridgeForwardersWire(long Room, IReadOnlyList<JanusFleet.Janus.AudioBridge.AudioBridgeForwarder>? RtpForwarders);

internal sealed record AudioBridgeStreamWire(long Room, long StreamId);
