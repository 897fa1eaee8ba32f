using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Watchpost.Configuration;
using Watchpost.WebConsole;
using Watchpost.WebConsole.Auth;

namespace Watchpost.Hosting;

/// <summary>
/// The composition root of the appliance, shared by `run` and `demo`: one registration per stage. Hosted
/// services start in registration order (broker, publisher, recorder, cameras) and stop in reverse, so the
/// cameras stop first and every event they raised still reaches the log and the outbox.
/// </summary>
public static class ApplianceHost
{
    /// <param name="siteFile">The file <paramref name="options"/> was read from, for `reload`; null for a site built in memory.</param>
    public static WebApplication Build(WatchpostOptions options, SiteFile? siteFile = null)
    {
        ReserveThreadPoolThreads(options.Cameras.Count(c => c.Enabled));
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Host.UseSystemd();
        builder.Services.AddSerilog();
        builder.WebHost.UseUrls(options.Console.Listen);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(20));

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        if (siteFile is not null)
        {
            builder.Services.AddSingleton(siteFile);
        }

        builder.Services
            .AddWatchpostStages(options)
            .AddWatchpostConsole(options);

        var app = builder.Build();
        app.UseWatchpostConsoleAuthentication(options);
        app.MapConsole();
        return app;
    }

    /// <summary>
    /// On Linux an asynchronous read from a child process's pipe (each network camera's ffmpeg) waits on a
    /// thread-pool thread, and LiteDB's calls block one too; with the default minimum (one thread per core) the
    /// frame loops' continuations could wait for the pool to grow, which it does slowly. Two threads per camera
    /// plus headroom for storage, MQTT and the console keep them apart.
    /// </summary>
    private static void ReserveThreadPoolThreads(int cameras)
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 2 * cameras + 8), completionPorts);
    }
}
