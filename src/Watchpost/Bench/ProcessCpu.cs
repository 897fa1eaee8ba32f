using System.Globalization;

namespace Watchpost.Bench;

/// <summary>
/// Another process's CPU time as the kernel counts it (/proc/PID/stat utime + stime, in clock ticks of 1/100 s,
/// Linux's fixed USER_HZ): how bench charges each camera's ffmpeg and the RTSP server's processes apart from
/// watchpost's own CPU.
/// </summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100;

    /// <summary>CPU seconds the process has used so far, or null when it is gone (or not Linux).</summary>
    public static double? Seconds(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return Parse(stat);
    }

    /// <summary>utime + stime from one /proc/PID/stat line; the name in parentheses may hold spaces, so fields count from its closing one.</summary>
    internal static double? Parse(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        // After ") ": state(3) ppid(4) ... utime(14) stime(15): indexes 11 and 12 of what follows.
        var fields = stat[(close + 2)..].Split(' ');
        if (fields.Length < 13
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system))
        {
            return null;
        }

        return (user + system) / TicksPerSecond;
    }
}
