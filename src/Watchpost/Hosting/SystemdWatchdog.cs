using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace Watchpost.Hosting;

/// <summary>
/// Pings systemd's watchdog (WATCHDOG=1) at half the interval systemd asked for (WATCHDOG_USEC), but only while
/// the pipeline's heartbeat is fresh. Does nothing when not started by systemd with WatchdogSec.
/// (UseSystemd() already sends READY=1 and STOPPING=1.)
/// </summary>
public sealed class SystemdWatchdog(ISystemdNotifier notifier, PipelineHeartbeat heartbeat, ILogger<SystemdWatchdog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!notifier.IsEnabled
            || !long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), out var microseconds)
            || microseconds <= 0)
        {
            return;
        }

        var interval = TimeSpan.FromMicroseconds(microseconds);
        using var timer = new PeriodicTimer(interval / 2);
        do
        {
            if (heartbeat.SinceLastBeat < interval)
            {
                notifier.Notify(new ServiceState("WATCHDOG=1"));
            }
            else
            {
                logger.LogError("The camera supervisor has not reported for {Seconds:F0} s; withholding the watchdog ping so systemd restarts the service", heartbeat.SinceLastBeat.TotalSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
