using System.Text.Json.Serialization;

namespace Watchpost.Mqtt;

/// <summary>Source-generated System.Text.Json metadata for the MQTT payloads (snake_case keys).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AlertPayload))]
// The value types an alert's "details" may hold (they are written as their runtime type).
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
public sealed partial class AlertJsonContext : JsonSerializerContext;
