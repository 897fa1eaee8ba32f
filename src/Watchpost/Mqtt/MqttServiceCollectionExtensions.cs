using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Watchpost.Configuration;
using Watchpost.Events;

namespace Watchpost.Mqtt;

public static class MqttServiceCollectionExtensions
{
    /// <summary>
    /// The MQTT stage: the embedded broker when mqtt.broker is empty (else the site's broker), and the publisher
    /// of the outbox. Register it before the events stage: hosted services stop in reverse, so the recorder
    /// drains into the outbox before the publisher's last flush, and the broker goes last.
    /// </summary>
    public static IServiceCollection AddWatchpostMqtt(this IServiceCollection services, WatchpostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
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
        services.AddHostedService(sp => sp.GetRequiredService<MqttAlertPublisher>());
        // TODO(issue 6): until MqttEventMessageComposer lands; TryAdd, so the real one wins wherever it is registered.
        services.TryAddSingleton<IEventMessageComposer>(_ => new AlertOnlyMessageComposer(new AlertMessageFactory(options.Mqtt, options.Site, options.Console)));
        return services;
    }
}
