using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watchpost.Configuration;
using Watchpost.Mqtt;

namespace Watchpost.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the events and MQTT stages: the LiteDB store (also as outbox), snapshot renderer, alert factory,
    /// the embedded broker when mqtt.broker is empty, the publisher and the recorder. Hosted services start in
    /// that order (broker, publisher, recorder) and stop in reverse, so the recorder drains its queue into the
    /// outbox before the publisher's last flush, and the broker goes last.
    /// </summary>
    public static IServiceCollection AddWatchpostEvents(this IServiceCollection services, WatchpostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<AlertLatencyStats>();
        services.AddSingleton(_ => new LiteDbEventStore(options.Storage));
        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<LiteDbEventStore>());
        services.AddSingleton<IAlertOutbox>(sp => sp.GetRequiredService<LiteDbEventStore>());
        services.AddSingleton(new SnapshotRenderer());
        services.AddSingleton(new AlertMessageFactory(options.Mqtt, options.Site, options.Console));

        if (string.IsNullOrWhiteSpace(options.Mqtt.Broker))
        {
            services.AddSingleton(sp => new EmbeddedMqttBroker(options.Mqtt, sp.GetRequiredService<ILogger<EmbeddedMqttBroker>>()));
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedMqttBroker>());
            services.AddSingleton(sp => sp.GetRequiredService<EmbeddedMqttBroker>().ClientEndpoint);
        }
        else
        {
            services.AddSingleton(MqttBrokerEndpoint.Parse(options.Mqtt.Broker, options.Mqtt.Username, options.Mqtt.Password));
        }

        services.AddSingleton(MqttAlertPublisherSettings.From(options.Mqtt, options.Site));
        services.AddSingleton<MqttAlertPublisher>();
        services.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<MqttAlertPublisher>());
        services.AddHostedService(sp => sp.GetRequiredService<MqttAlertPublisher>());

        services.AddSingleton<EventRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<EventRecorder>());
        return services;
    }
}
