namespace Watchpost.Mqtt;

/// <summary>
/// Every topic of the MQTT contract (docs/mqtt.md), in one place. A box publishes under its root
/// <c>&lt;topicPrefix&gt;/&lt;deviceId&gt;</c>; Home Assistant discovery lives under <see cref="DiscoveryPrefix"/>.
/// </summary>
public static class MqttTopics
{
    /// <summary>Home Assistant's default discovery prefix.</summary>
    public const string DiscoveryPrefix = "homeassistant";

    /// <summary>Home Assistant publishes "online" here when it (re)starts: discovery is published again.</summary>
    public const string HomeAssistantStatus = DiscoveryPrefix + "/status";

    /// <summary>The verbs the command router answers on <c>cmd/&lt;verb&gt;</c>.</summary>
    public static IReadOnlyList<string> CommandVerbs { get; } = ["arm", "disarm", "ack", "resolve", "relay", "snapshot", "reload"];

    public static string Root(string topicPrefix, string deviceId) => $"{topicPrefix}/{deviceId}";

    /// <summary>One QoS-1 message per alert, not retained.</summary>
    public static string Alerts(string topicPrefix, string deviceId) => $"{Root(topicPrefix, deviceId)}/alerts";

    /// <summary>QoS-1 lifecycle messages (start, update, end), not retained.</summary>
    public static string Events(string topicPrefix, string deviceId) => $"{Root(topicPrefix, deviceId)}/events";

    /// <summary>Retained "online" / "offline" (the last will).</summary>
    public static string Availability(string topicPrefix, string deviceId) => $"{Root(topicPrefix, deviceId)}/availability";

    /// <summary>Retained device state: disk, database, outbox backlog, detector.</summary>
    public static string DeviceState(string root) => $"{root}/state";

    public static string AvailabilityOf(string root) => $"{root}/availability";

    public static string CameraState(string root, string cameraId) => $"{root}/cameras/{cameraId}/state";

    public static string ZoneOccupancy(string root, string zoneId) => $"{root}/zones/{zoneId}/occupancy";

    public static string RuleArmed(string root, string ruleId) => $"{root}/rules/{ruleId}/armed";

    /// <summary>Retained: whether an event of the rule is open (Home Assistant's "active" binary sensor).</summary>
    public static string RuleActive(string root, string ruleId) => $"{root}/rules/{ruleId}/active";

    public static string GpioState(string root, string name) => $"{root}/gpio/{name}/state";

    /// <summary>A command in (QoS 1, JSON).</summary>
    public static string Command(string root, string verb) => $"{root}/cmd/{verb}";

    /// <summary>Every command's reply (QoS 1, not retained), besides the MQTT 5 response topic.</summary>
    public static string CommandResult(string root, string verb) => $"{root}/cmd/{verb}/result";

    /// <summary>
    /// Home Assistant's switch of one rule publishes "ON" / "OFF" here (a switch has one command topic and cannot
    /// pick cmd/arm or cmd/disarm); the appliance turns it into cmd/arm or cmd/disarm with target rule:&lt;id&gt;.
    /// </summary>
    public static string RuleArmingSwitch(string root, string ruleId) => $"{root}/cmd/arming/{ruleId}";

    /// <summary>The filter matching every <see cref="RuleArmingSwitch"/> topic.</summary>
    public static string RuleArmingSwitches(string root) => $"{root}/cmd/arming/+";

    /// <summary>A Home Assistant discovery config (retained; an empty payload removes the entity).</summary>
    public static string Discovery(string component, string nodeId, string objectId) => $"{DiscoveryPrefix}/{component}/{nodeId}/{objectId}/config";
}
