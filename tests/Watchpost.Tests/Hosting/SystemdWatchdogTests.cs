using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Watchpost.Hosting;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Hosting;

/// <summary>Runs with WATCHDOG_USEC set in the process environment, so the tests of this class do not run in parallel with each other.</summary>
public sealed class SystemdWatchdogTests
{
    [Fact]
    public async Task Pings_while_the_supervisor_beats_and_stops_pinging_when_it_hangs()
    {
        var time = new FakeTimeProvider();
        var heartbeat = new PipelineHeartbeat(time);
        var notifier = new RecordingNotifier();
        Environment.SetEnvironmentVariable("WATCHDOG_USEC", "200000"); // 0.2 s: pings every 0.1 s
        try
        {
            using var watchdog = new SystemdWatchdog(notifier, heartbeat, NullLogger<SystemdWatchdog>.Instance);
            await watchdog.StartAsync(CancellationToken.None);

            Assert.True(await Poll.UntilAsync(() => notifier.Pings >= 2, TimeSpan.FromSeconds(10)), "no WATCHDOG=1 while the heartbeat is fresh");

            time.Advance(TimeSpan.FromSeconds(1)); // the supervisor stopped beating for longer than the watchdog interval
            await Task.Delay(300);                  // let a ping already under way land
            var pingsWhenHung = notifier.Pings;
            await Task.Delay(500);
            Assert.Equal(pingsWhenHung, notifier.Pings);

            heartbeat.Beat();
            Assert.True(await Poll.UntilAsync(() => notifier.Pings > pingsWhenHung, TimeSpan.FromSeconds(10)), "pings did not resume after a beat");
            await watchdog.StopAsync(CancellationToken.None);
        }
        finally
        {
            Environment.SetEnvironmentVariable("WATCHDOG_USEC", null);
        }
    }

    private sealed class RecordingNotifier : ISystemdNotifier
    {
        private int _pings;

        public bool IsEnabled => true;

        public int Pings => Volatile.Read(ref _pings);

        public void Notify(ServiceState state)
        {
            if (state.ToString() == "WATCHDOG=1")
            {
                Interlocked.Increment(ref _pings);
            }
        }
    }
}
