using MQTTnet;

namespace Watchpost.Mqtt;

/// <summary>
/// The appliance's one MQTT connection (MQTT 5): connect with back-off, last will and retained availability,
/// subscriptions re-made after every reconnect. The outbox sender, the state publisher, discovery and the command
/// router share it.
/// </summary>
public interface IMqttConnection
{
    bool IsConnected { get; }

    MqttBrokerEndpoint Broker { get; }

    /// <summary>&lt;topicPrefix&gt;/&lt;deviceId&gt;, the root of every topic this box publishes.</summary>
    string TopicRoot { get; }

    /// <summary>
    /// Raised after each (re)connect, once availability is "online" and the subscriptions are made: publishers of
    /// retained state publish it again, the outbox sender drains. Handlers run one after the other.
    /// </summary>
    event Func<CancellationToken, Task>? Connected;

    /// <summary>Publishes one message; throws when not connected or the connection drops before the acknowledgement.</summary>
    Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls <paramref name="handler"/> for every message matching <paramref name="topicFilter"/> (QoS 1), from now
    /// and after every reconnect, until the returned handle is disposed. A handler that throws is logged, not fatal.
    /// </summary>
    IDisposable Subscribe(string topicFilter, Func<MqttApplicationMessage, CancellationToken, Task> handler);
}
