using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Serilog;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Events;
using Watchpost.WebConsole;

namespace Watchpost.Hosting;

/// <summary>
/// The composition root of the appliance, shared by `run` and `demo`: one registration per stage. Hosted
/// services start in registration order (broker, publisher, recorder, cameras) and stop in reverse, so the
/// cameras stop first and every event they raised still reaches the log and the outbox.
/// </summary>
public static class ApplianceHost
{
    public static WebApplication Build(WatchpostOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Host.UseSystemd();
        builder.Services.AddSerilog();
        builder.WebHost.UseUrls(options.Console.Listen);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(20));

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PipelineHeartbeat>();
        builder.Services.AddDetection(options.Detector);
        builder.Services.AddWatchpostEvents(options);
        builder.Services.AddSingleton<CameraSupervisor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CameraSupervisor>());
        if (SystemdHelpers.IsSystemdService())
        {
            builder.Services.AddHostedService<SystemdWatchdog>();
        }

        var app = builder.Build();
        app.MapConsole();
        return app;
    }

    /// <summary>The shared detector: sessions on the best execution provider, one worker per core unless configured.</summary>
    private static IServiceCollection AddDetection(this IServiceCollection services, DetectorOptions detector)
    {
        services.AddSingleton(sp => new DetectorFactory(detector, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => sp.GetRequiredService<DetectorFactory>().CreatePool(detector.Sessions > 0 ? detector.Sessions : null));
        services.AddSingleton<IDetectionService>(sp => sp.GetRequiredService<DetectorPool>());
        return services;
    }
}
