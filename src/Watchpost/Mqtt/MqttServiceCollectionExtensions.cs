using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watchpost.Configuration;
using Watchpost.Mqtt.Commands;

namespace Watchpost.Mqtt;

public static class MqttServiceCollectionExtensions
{
    /// <summary>
    /// The MQTT stage: the embedded broker when mqtt.broker is empty (else the site's broker), the one MQTT
    /// connection, and the sender of the outbox over it. Hosted services stop in reverse of registration: the
    /// sender (after its last flush), then the connection ("offline", clean disconnect), then the broker. Register
    /// the stage before the events stage, so the recorder drains into the outbox before the sender's flush.
    /// </summary>
    public static IServiceCollection AddWatchpostMqtt(this IServiceCollection services, WatchpostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Mqtt.Broker))
        {
            services.AddSingleton(sp => new EmbeddedMqttBroker(options, sp.GetRequiredService<ILogger<EmbeddedMqttBroker>>()));
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedMqttBroker>());
            services.AddSingleton(sp => sp.GetRequiredService<EmbeddedMqttBroker>().ClientEndpoint);
        }
        else
        {
            services.AddSingleton(MqttBrokerEndpoint.FromOptions(options.Mqtt));
        }

        services.AddSingleton(MqttConnectionSettings.From(options.Mqtt, options.Site));
        services.AddSingleton<MqttConnection>();
        services.AddSingleton<IMqttConnection>(sp => sp.GetRequiredService<MqttConnection>());
        services.AddHostedService(sp => sp.GetRequiredService<MqttConnection>());

        services.AddSingleton(new OutboxSenderSettings());
        services.AddSingleton(sp =>
        {
            var sender = ActivatorUtilities.CreateInstance<OutboxSender>(sp);

            // An alert nobody was subscribed to goes out again as soon as a controller subscribes to the embedded broker.
            if (sp.GetService<EmbeddedMqttBroker>() is { } broker)
            {
                broker.ClientSubscribed += (_, _) => sender.RetryDeferred();
            }

            return sender;
        });
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        services.AddSingleton<Events.IOutboxSignal>(sp => new OutboxSignalShim(sp.GetRequiredService<OutboxSender>()));   // TEMPORARY, see the shim
        services.AddWatchpostCommands();
        return services;
    }
}
