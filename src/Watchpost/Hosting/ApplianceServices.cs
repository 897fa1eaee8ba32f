using Microsoft.Extensions.DependencyInjection;
using Watchpost.Behaviours;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Events;
using Watchpost.Gpio;
using Watchpost.Mqtt;

namespace Watchpost.Hosting;

public static class ApplianceServices
{
    /// <summary>
    /// Every pipeline stage, one registration each, in the order their hosted services start. The service
    /// (<see cref="ApplianceHost"/>) and the installer's verbs (<see cref="Cli.CliServices"/>) both use this, so a
    /// verb resolves exactly what `watchpost run` would run.
    /// </summary>
    public static IServiceCollection AddWatchpostStages(this IServiceCollection services, WatchpostOptions options) =>
        services
            .AddWatchpostDetection(options.Detector)
            .AddWatchpostMqtt(options)
            .AddWatchpostEvents(options)
            .AddWatchpostRules()
            .AddWatchpostGpio(options)
            .AddWatchpostCameras();
}
