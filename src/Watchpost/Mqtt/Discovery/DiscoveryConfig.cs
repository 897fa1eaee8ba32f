using System.Text.Json.Serialization;

namespace Watchpost.Mqtt.Discovery;

/// <summary>
/// One Home Assistant MQTT discovery config, retained on <c>homeassistant/&lt;component&gt;/&lt;node&gt;/&lt;object&gt;/config</c>.
/// Keys are Home Assistant's own; those that do not apply to a component are left out.
/// </summary>
public sealed record DiscoveryConfig(
    string Name,
    string UniqueId,
    string StateTopic,
    IReadOnlyList<DiscoveryAvailability> Availability,
    DiscoveryDevice Device)
{
    public int Qos { get; init; } = 1;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ValueTemplate { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? JsonAttributesTopic { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DeviceClass { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Icon { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PayloadOn { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PayloadOff { get; init; }

    /// <summary>Switch: the state that means on (compared with the value template's output).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StateOn { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StateOff { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CommandTopic { get; init; }

    /// <summary>Switch: the command payload, with Home Assistant's <c>value</c> (payload_on / payload_off).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CommandTemplate { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Optimistic { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UnitOfMeasurement { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StateClass { get; init; }
}
