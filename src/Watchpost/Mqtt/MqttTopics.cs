namespace Watchpost.Mqtt;

/// <summary>The topics a Watchpost box publishes under <c>&lt;prefix&gt;/&lt;deviceId&gt;/</c>.</summary>
public static class MqttTopics
{
    /// <summary>One QoS-1 message per alert, not retained.</summary>
    public static string Alerts(string topicPrefix, string deviceId) => $"{topicPrefix}/{deviceId}/alerts";

    /// <summary>Retained "online" / "offline" (the last will).</summary>
    public static string Availability(string topicPrefix, string deviceId) => $"{topicPrefix}/{deviceId}/availability";
}
