using System.Text.Json.Serialization;

namespace Watchpost.Mqtt;

/// <summary>Source-generated System.Text.Json metadata for the MQTT payloads (snake_case keys).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AlertPayload))]
public sealed partial class AlertJsonContext : JsonSerializerContext;
