using Watchpost.Configuration;

namespace Watchpost.Mqtt;

/// <summary>How the <see cref="MqttAlertPublisher"/> behaves; <see cref="From"/> builds it from the site file.</summary>
public sealed record MqttAlertPublisherSettings
{
    public required string TopicPrefix { get; init; }

    public required string DeviceId { get; init; }

    public string ClientId => $"watchpost-{DeviceId}";

    /// <summary>First wait after a failed connect; doubles (with jitter) up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Connect and acknowledgement timeout: a broker that stops answering is given up after this.</summary>
    public TimeSpan CommunicationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the outbox is checked without being told (messages enqueued by another process, e.g. the CLI).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long stopping may take to send what is left in the outbox.</summary>
    public TimeSpan FlushOnStop { get; init; } = TimeSpan.FromSeconds(3);

    public string AvailabilityTopic => MqttTopics.Availability(TopicPrefix, DeviceId);

    public static MqttAlertPublisherSettings From(MqttOptions mqtt, SiteOptions site) =>
        new() { TopicPrefix = mqtt.TopicPrefix, DeviceId = site.DeviceId };
}
