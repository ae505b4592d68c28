using System.Text.Json;
using System.Text.Json.Serialization;

namespace JanusFleet.Janus.Internal;

/// <summary>The source-generated serializers for everything this library reads or writes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JanusServerInfo))]
[JsonSerializable(typeof(Dictionary<string, JanusModuleInfo>))]
[JsonSerializable(typeof(Admin.JanusAdminStatus))]
[JsonSerializable(typeof(Admin.JanusStoredToken[]))]
[JsonSerializable(typeof(VideoRoom.VideoRoomRoomOptions))]
[JsonSerializable(typeof(VideoRoom.VideoRoomEditOptions))]
[JsonSerializable(typeof(VideoRoom.VideoRoomJoined))]
[JsonSerializable(typeof(VideoRoom.VideoRoomPublisherJoinOptions))]
[JsonSerializable(typeof(VideoRoom.VideoRoomPublishOptions))]
[JsonSerializable(typeof(VideoRoom.VideoRoomSubscriberJoinOptions))]
[JsonSerializable(typeof(VideoRoom.VideoRoomSubscriberUpdate))]
[JsonSerializable(typeof(VideoRoom.VideoRoomSubscription[]))]
[JsonSerializable(typeof(VideoRoom.VideoRoomSwitch[]))]
[JsonSerializable(typeof(VideoRoom.VideoRoomStreamConfiguration[]))]
[JsonSerializable(typeof(VideoRoom.VideoRoomRtpForwardStream[]))]
[JsonSerializable(typeof(VideoRoom.VideoRoomPublisherForwarders))]
[JsonSerializable(typeof(VideoRoom.VideoRoomRemotePublisherOptions))]
[JsonSerializable(typeof(VideoRoom.VideoRoomRemotePublisherEndpoint))]
[JsonSerializable(typeof(VideoRoom.VideoRoomPublishRemotelyOptions))]
[JsonSerializable(typeof(VideoRoomCreatedWire))]
[JsonSerializable(typeof(VideoRoomListWire))]
[JsonSerializable(typeof(VideoRoomParticipantsWire))]
[JsonSerializable(typeof(VideoRoomForwardersWire))]
[JsonSerializable(typeof(VideoRoomAllowedWire))]
[JsonSerializable(typeof(VideoRoomRemotesWire))]
[JsonSerializable(typeof(AudioBridge.AudioBridgeRoomOptions))]
[JsonSerializable(typeof(AudioBridge.AudioBridgeEditOptions))]
[JsonSerializable(typeof(AudioBridge.AudioBridgeJoinOptions))]
[JsonSerializable(typeof(AudioBridge.AudioBridgeConfigureOptions))]
[JsonSerializable(typeof(AudioBridge.AudioBridgeJoined))]
[JsonSerializable(typeof(AudioBridge.AudioBridgeRtpForwardOptions))]
[JsonSerializable(typeof(AudioBridgeListWire))]
[JsonSerializable(typeof(AudioBridgeParticipantsWire))]
[JsonSerializable(typeof(AudioBridgeForwardersWire))]
[JsonSerializable(typeof(AudioBridgeStreamWire))]
internal sealed partial class JanusJsonContext : JsonSerializerContext;
