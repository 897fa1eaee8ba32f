using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watchpost.Configuration;

namespace Watchpost.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// The events stage: the LiteDB store, the outbox the sender reads (the store's, plus messages held in memory
    /// while the disk is full), free-space checks, the snapshot renderer, the feed of stored changes, the recorder
    /// and its health (<see cref="IStorageStatus"/>). It knows nothing of MQTT: the messages stored with each change
    /// come from the <see cref="IEventMessageComposer"/> that the Mqtt stage registers.
    /// </summary>
    public static IServiceCollection AddWatchpostEvents(this IServiceCollection services, WatchpostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<AlertLatencyStats>();
        services.AddSingleton(sp => new LiteDbEventStore(options.Storage, sp.GetService<ILoggerFactory>()?.CreateLogger<LiteDbEventStore>()));
        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<LiteDbEventStore>());
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<LiteDbEventStore>());
        services.AddSingleton<IEventOperations>(sp => new EventOperations(
            sp.GetRequiredService<LiteDbEventStore>(), sp.GetRequiredService<IEventMessageComposer>(), sp.GetRequiredService<EventFeed>(), sp.GetService<TimeProvider>()));
        services.AddHostedService(sp => new EventRetention(
            sp.GetRequiredService<LiteDbEventStore>(), options.Storage, sp.GetRequiredService<ILogger<EventRetention>>(), sp.GetService<TimeProvider>()));
        services.AddSingleton(sp => new StorageSpace(options.Storage.Path, (long)(options.Storage.ReserveMb * 1024 * 1024), sp.GetRequiredService<ILogger<StorageSpace>>()));
        services.AddSingleton(_ => new EventRecorderSettings());
        services.AddSingleton(sp => new HeldEvents(sp.GetRequiredService<EventRecorderSettings>().MaxHeldInMemory));
        services.AddSingleton<IAlertOutbox>(sp => new DurableAlertOutbox(sp.GetRequiredService<LiteDbEventStore>(), sp.GetRequiredService<HeldEvents>(),
            sp.GetRequiredService<ILogger<DurableAlertOutbox>>()));
        services.AddSingleton<SnapshotRenderer>();
        services.AddSingleton<ISnapshotRenderer>(sp => sp.GetRequiredService<SnapshotRenderer>());
        services.AddSingleton<EventFeed>();
        services.AddSingleton<IEventFeed>(sp => sp.GetRequiredService<EventFeed>());
        services.AddSingleton<EventRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<EventRecorder>());
        services.AddSingleton<StorageHealth>();
        services.AddSingleton<IStorageStatus>(sp => sp.GetRequiredService<StorageHealth>());
        return services;
    }
}
