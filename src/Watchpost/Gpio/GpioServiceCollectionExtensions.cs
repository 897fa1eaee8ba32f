using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Watchpost.Configuration;
using Watchpost.Events;

namespace Watchpost.Gpio;

public static class GpioServiceCollectionExtensions
{
    /// <summary>
    /// The GPIO stage: one <see cref="GpioService"/> as the inputs' state, the relay controller and a hosted
    /// service. Register it after the events stage (its recorder and feed), so that it stops before them. The chip
    /// is opened by the <see cref="IGpioDriverFactory"/> (libgpiod unless one was registered before, as tests do).
    /// </summary>
    public static IServiceCollection AddWatchpostGpio(this IServiceCollection services, WatchpostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton<IGpioDriverFactory, SystemGpioDriverFactory>();
        services.AddSingleton(sp => new GpioService(
            options.Gpio,
            sp.GetRequiredService<IGpioDriverFactory>(),
            sp.GetRequiredService<ILogger<GpioService>>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<EventRecorder>(),
            sp.GetService<IEventFeed>()));
        services.AddSingleton<IGpioState>(sp => sp.GetRequiredService<GpioService>());
        services.AddSingleton<IRelayController>(sp => sp.GetRequiredService<GpioService>());
        services.AddHostedService(sp => sp.GetRequiredService<GpioService>());
        return services;
    }
}
