using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watchpost.Configuration;
using Watchpost.Mqtt;

namespace Watchpost.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// The events stage: the LiteDB store (also as outbox), the snapshot renderer, the feed of stored changes and
    /// the recorder. It knows nothing of MQTT: the messages stored with each change come from the
    /// <see cref="IEventMessageComposer"/> that the Mqtt stage registers.
    /// </summary>
    public static IServiceCollection AddWatchpostEvents(this IServiceCollection services, WatchpostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<AlertLatencyStats>();
        services.AddSingleton(sp => new LiteDbEventStore(options.Storage, sp.GetService<ILoggerFactory>()?.CreateLogger<LiteDbEventStore>()));
        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<LiteDbEventStore>());
        services.AddSingleton<IAlertOutbox>(sp => sp.GetRequiredService<LiteDbEventStore>());
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<LiteDbEventStore>());
        services.AddSingleton<IEventOperations>(sp => new EventOperations(
            sp.GetRequiredService<LiteDbEventStore>(), sp.GetRequiredService<IEventMessageComposer>(), sp.GetRequiredService<EventFeed>(), sp.GetService<TimeProvider>()));
        services.AddHostedService(sp => new EventRetention(
            sp.GetRequiredService<LiteDbEventStore>(), options.Storage, sp.GetRequiredService<ILogger<EventRetention>>(), sp.GetService<TimeProvider>()));
        services.AddSingleton(new SnapshotRenderer());
        services.AddSingleton<EventFeed>();
        services.AddSingleton<IEventFeed>(sp => sp.GetRequiredService<EventFeed>());

        // TODO(issue 6): the recorder still builds alerts with the Mqtt stage's factory; it moves to IEventMessageComposer.
        services.AddSingleton(new AlertMessageFactory(options.Mqtt, options.Site, options.Console));
        services.AddSingleton<EventRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<EventRecorder>());
        return services;
    }
}
