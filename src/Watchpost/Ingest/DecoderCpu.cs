using System.Diagnostics;
using System.Globalization;

namespace Watchpost.Ingest;

/// <summary>
/// The CPU time one camera's ffmpeg processes have used, across reconnects, read from /proc/PID/stat so that
/// decoding shows apart from the service's own CPU (inference, tracking, rules). Zero where /proc is missing.
/// </summary>
internal sealed class DecoderCpu
{
    // USER_HZ: 100 on every Linux the appliance runs on (x86-64 and arm64 kernels fix it at 100 for user space).
    private const double TicksPerSecond = 100;
    private readonly Lock _gate = new();
    private TimeSpan _ended;
    private TimeSpan _current;

    /// <summary>The ended connections' CPU plus the running process's, sampled now.</summary>
    public TimeSpan Total(Process? running)
    {
        lock (_gate)
        {
            if (running is not null && Read(running) is { } now)
            {
                _current = now;
            }

            return _ended + _current;
        }
    }

    /// <summary>Call before the connection's process is killed: its last sample joins the ended total.</summary>
    public void ConnectionEnding(Process process)
    {
        lock (_gate)
        {
            _ended += Read(process) ?? _current;
            _current = TimeSpan.Zero;
        }
    }

    private static TimeSpan? Read(Process process)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{process.Id}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            return null; // not started, already reaped, or no /proc
        }
    }
}
