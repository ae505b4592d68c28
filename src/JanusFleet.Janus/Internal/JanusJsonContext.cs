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
internal sealed partial class JanusJsonContext : JsonSerializerContext;
