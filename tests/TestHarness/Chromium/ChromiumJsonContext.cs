using System.Text.Json.Serialization;

namespace TestHarness.Chromium;

/// <summary>Reads the JSON the harness pages put on <c>window</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(JanusPublisherState))]
internal sealed partial class ChromiumJsonContext : JsonSerializerContext;
