using System.Text.Json.Serialization;
using ImapMcp.Mail.Query;

namespace ImapMcp.Mail.Internal;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<AttachmentInfo>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class CacheJsonContext : JsonSerializerContext;
