using JanusFleet.Janus.VideoRoom;

namespace JanusFleet.Janus.Internal;

// Shapes of VideoRoom and AudioBridge answers that only wrap a list or a flag; the public API unwraps them.
internal sealed record VideoRoomCreatedWire(JanusId Room, bool Permanent);

internal sealed record VideoRoomListWire(IReadOnlyList<VideoRoomInfo>? List);

internal sealed record VideoRoomParticipantsWire(JanusId Room, IReadOnlyList<VideoRoomParticipant>? Participants);

internal sealed record VideoRoomForwardersWire(JanusId Room, IReadOnlyList<VideoRoomPublisherForwarders>? Publishers);

internal sealed record VideoRoomAllowedWire(JanusId Room, IReadOnlyList<string>? Allowed);

internal sealed record VideoRoomRemotesWire(JanusId Room, IReadOnlyList<VideoRoomRemotization>? List);

internal sealed record AudioBridgeListWire(IReadOnlyList<JanusFleet.Janus.AudioBridge.AudioBridgeRoomInfo>? List);

internal sealed record AudioBridgeParticipantsWire(JanusId Room, IReadOnlyList<JanusFleet.Janus.AudioBridge.AudioBridgeParticipant>? Participants);

internal sealed record AudioBridgeForwardersWire(JanusId Room, IReadOnlyList<JanusFleet.Janus.AudioBridge.AudioBridgeForwarder>? RtpForwarders);

internal sealed record AudioBridgeStreamWire(JanusId Room, long StreamId);
