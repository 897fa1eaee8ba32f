using System.Text.Json.Serialization;
using Watchpost.Mqtt.Discovery;
using Watchpost.Mqtt.State;

namespace Watchpost.Mqtt;

/// <summary>
/// Source-generated System.Text.Json metadata for every MQTT payload the appliance publishes (snake_case keys,
/// times as UTC ISO-8601 with milliseconds and "Z", nulls written so that each field is always present).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, Converters = [typeof(UtcMillisecondsJsonConverter)])]
[JsonSerializable(typeof(AlertPayload))]
[JsonSerializable(typeof(EventLifecyclePayload))]
[JsonSerializable(typeof(CameraStatePayload))]
[JsonSerializable(typeof(ZoneOccupancyPayload))]
[JsonSerializable(typeof(RuleArmedPayload))]
[JsonSerializable(typeof(RuleActivePayload))]
[JsonSerializable(typeof(GpioStatePayload))]
[JsonSerializable(typeof(DeviceStatePayload))]
[JsonSerializable(typeof(DiscoveryConfig))]
[JsonSerializable(typeof(Dictionary<string, string>))]
// The value types an alert's "details" may hold (they are written as their runtime type).
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(float))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
public sealed partial class AlertJsonContext : JsonSerializerContext;
