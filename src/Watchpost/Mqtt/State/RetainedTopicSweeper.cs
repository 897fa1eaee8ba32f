using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace Watchpost.Mqtt.State;

/// <summary>
/// Clears retained topics this box no longer publishes (a camera, zone, rule or pin removed from the site file):
/// it subscribes to the topic filters it owns and answers each retained message that the broker hands over for a
/// topic outside <c>isKnown</c> with an empty retained message, which deletes it on the broker.
/// </summary>
internal sealed class RetainedTopicSweeper(IMqttConnection connection, ILogger logger, IReadOnlyList<string> filters, Func<string, bool> isKnown) : IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];

    /// <summary>Topics cleared since start.</summary>
    public int Cleared => _cleared;

    private int _cleared;

    public void Start()
    {
        foreach (var filter in filters)
        {
            _subscriptions.Add(connection.Subscribe(filter, OnMessageAsync));
        }
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _subscriptions.Clear();
    }

    private Task OnMessageAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (!message.Retain || message.Payload.IsEmpty || isKnown(message.Topic))
        {
            return Task.CompletedTask;
        }

        // Not awaited here: this runs on the client's receive path, and a QoS-1 publish waits for an ack that path delivers.
        var topic = message.Topic;
        _ = Task.Run(async () =>
        {
            try
            {
                await connection.PublishAsync(new MqttApplicationMessageBuilder()
                    .WithTopic(topic)
                    .WithPayload(Array.Empty<byte>())
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithRetainFlag(true)
                    .Build(), cancellationToken);
                Interlocked.Increment(ref _cleared);
                logger.LogInformation("Cleared the retained MQTT topic {Topic}: not in the site file any more", topic);
            }
            catch (Exception e)
            {
                logger.LogWarning("Could not clear the retained MQTT topic {Topic}: {Reason}", topic, e.Message);
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }
}
