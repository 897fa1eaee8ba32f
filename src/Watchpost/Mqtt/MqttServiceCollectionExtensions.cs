using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Watchpost.Behaviours;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Events;
using Watchpost.Gpio;
using Watchpost.Hosting;
using Watchpost.Mqtt.Discovery;
using Watchpost.Mqtt.State;

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
        services.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<MqttAlertPublisher>());
        services.AddHostedService(sp => sp.GetRequiredService<MqttAlertPublisher>());

        // The one connection; its hosted service comes with the outbox sender (the old publisher has the same client id).
        services.TryAddSingleton(MqttConnectionSettings.From(options.Mqtt, options.Site));
        services.TryAddSingleton<MqttConnection>();
        services.TryAddSingleton<IMqttConnection>(sp => sp.GetRequiredService<MqttConnection>());
        services.AddSingleton<IEventMessageComposer>(_ =>
            new MqttEventMessageComposer(new AlertMessageFactory(options.Mqtt, options.Site, options.Console), options.Mqtt.TopicPrefix));
        services.AddSingleton(sp => CreateStatePublisher(sp, options));
        services.AddHostedService(sp => sp.GetRequiredService<StatePublisher>());
        services.AddSingleton(sp => new HomeAssistantDiscovery(sp.GetRequiredService<IMqttConnection>(), options,
            sp.GetRequiredService<ILogger<HomeAssistantDiscovery>>(), sp.GetService<IGpioState>(),
            new AlertMessageFactory(options.Mqtt, options.Site, options.Console).PublicBaseUrl));
        services.AddHostedService(sp => sp.GetRequiredService<HomeAssistantDiscovery>());
        return services;
    }

    /// <summary>The state publisher over whatever stages are registered (cameras, rules, GPIO, storage are each optional).</summary>
    private static StatePublisher CreateStatePublisher(IServiceProvider sp, WatchpostOptions options)
    {
        var detector = new Lazy<DetectorFactory?>(() =>
        {
            try
            {
                return sp.GetService<DetectorFactory>();
            }
            catch (Exception e) when (e is InvalidOperationException or ModelFileException or ExecutionProviderException)
            {
                return null;
            }
        });
        var pool = new Lazy<DetectorPool?>(() => detector.Value is null ? null : sp.GetService<DetectorPool>());
        var settings = new StatePublisherSettings
        {
            DetectorProvider = () => detector.Value?.Selection?.Chosen.Name(),
            DetectorWorkers = () => pool.Value?.Workers,
        };
        return new StatePublisher(sp.GetRequiredService<IMqttConnection>(), options, settings, sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<StatePublisher>>(), sp.GetService<ICameraStatusProvider>(), sp.GetService<ArmingService>(),
            sp.GetService<IGpioState>(), sp.GetService<IStorageStatus>(), sp.GetService<IEventFeed>());
    }
}
