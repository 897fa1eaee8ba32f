using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watchpost.Configuration;

namespace Watchpost.Detection;

public static class DetectionServiceCollectionExtensions
{
    /// <summary>The detection stage: the shared detector, sessions on the best execution provider, one worker per core unless configured.</summary>
    public static IServiceCollection AddWatchpostDetection(this IServiceCollection services, DetectorOptions detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        services.AddSingleton(sp => new DetectorFactory(detector, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => sp.GetRequiredService<DetectorFactory>().CreatePool(detector.Sessions > 0 ? detector.Sessions : null));
        services.AddSingleton<IDetectionService>(sp => sp.GetRequiredService<DetectorPool>());
        return services;
    }
}
