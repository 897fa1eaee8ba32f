using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Systemd;

namespace Watchpost.Hosting;

public static class CamerasServiceCollectionExtensions
{
    /// <summary>The cameras: one supervised pipeline per enabled camera, live reload of the site file, and the systemd watchdog fed by their heartbeat.</summary>
    public static IServiceCollection AddWatchpostCameras(this IServiceCollection services)
    {
        services.AddSingleton<PipelineHeartbeat>();
        services.AddSingleton<CameraSnapshots>();
        services.AddSingleton<CameraLiveViews>();
        services.AddSingleton<CameraSupervisor>();
        services.AddSingleton<IRunningSite>(sp => sp.GetRequiredService<CameraSupervisor>());
        services.AddHostedService(sp => sp.GetRequiredService<CameraSupervisor>());
        services.AddSingleton<ICameraStatusProvider>(sp => sp.GetRequiredService<CameraSupervisor>());
        services.AddSingleton<SiteReloader>();
        if (SystemdHelpers.IsSystemdService())
        {
            services.AddHostedService<SystemdWatchdog>();
        }

        return services;
    }
}
