using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Watchpost.Behaviours;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Detection.Runtime;
using Watchpost.Events;
using Watchpost.Gpio;
using Watchpost.Hosting;
using Watchpost.Models;
using Watchpost.Mqtt.Commands;
using Watchpost.Mqtt.Discovery;
using Watchpost.Mqtt.State;

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
        services.AddWatchpostCommands();
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
