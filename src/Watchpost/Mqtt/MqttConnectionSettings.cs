using Watchpost.Configuration;

namespace Watchpost.Mqtt;

/// <summary>How the <see cref="MqttConnection"/> connects; <see cref="From"/> builds it from the site file.</summary>
public sealed record MqttConnectionSettings
{
    public required string TopicPrefix { get; init; }

    public required string DeviceId { get; init; }

    /// <summary>The appliance's own client id; the embedded broker lets no other client take it.</summary>
    public string ClientId => $"watchpost-{DeviceId}";

    public string TopicRoot => $"{TopicPrefix}/{DeviceId}";

    public string AvailabilityTopic => MqttTopics.Availability(TopicPrefix, DeviceId);

    /// <summary>First wait after a failed connect; doubles (with jitter) up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Connect and acknowledgement timeout: a broker that stops answering is given up after this.</summary>
    public TimeSpan CommunicationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    public static MqttConnectionSettings From(MqttOptions mqtt, SiteOptions site) =>
        new() { TopicPrefix = mqtt.TopicPrefix, DeviceId = site.DeviceId };
}
