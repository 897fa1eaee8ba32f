namespace Watchpost.Bench;

/// <summary>
/// CPU seconds used by groups of other processes (a camera's ffmpeg, the RTSP server and its publishers) over a
/// window, sampled from /proc: a camera that reconnects gets a new ffmpeg, so each group sums every process it
/// had. A process first seen after the window opened counts from zero; one that exits between samples loses its
/// last second at most.
/// </summary>
internal sealed class CpuMeter
{
    private readonly Dictionary<(string Group, int Pid), (double First, double Last)> _seen = [];
    private bool _windowOpen;

    public void Sample(IEnumerable<(string Group, int Pid)> processes)
    {
        lock (_seen)
        {
            foreach (var (group, pid) in processes)
            {
                if (ProcessCpu.Seconds(pid) is not { } seconds)
                {
                    continue;
                }

                _seen[(group, pid)] = _seen.TryGetValue((group, pid), out var known)
                    ? (known.First, seconds)
                    : (_windowOpen ? 0 : seconds, seconds);
            }
        }
    }

    /// <summary>From now on only what is used counts.</summary>
    public void OpenWindow()
    {
        lock (_seen)
        {
            foreach (var key in _seen.Keys.ToList())
            {
                _seen[key] = (_seen[key].Last, _seen[key].Last);
            }

            _windowOpen = true;
        }
    }

    /// <summary>Whether any process of the group was sampled.</summary>
    public bool Seen(string group)
    {
        lock (_seen)
        {
            return _seen.Keys.Any(k => k.Group == group);
        }
    }

    public double Seconds(string group)
    {
        lock (_seen)
        {
            return _seen.Where(s => s.Key.Group == group).Sum(s => s.Value.Last - s.Value.First);
        }
    }

    public double Seconds(Func<string, bool> groups)
    {
        lock (_seen)
        {
            return _seen.Where(s => groups(s.Key.Group)).Sum(s => s.Value.Last - s.Value.First);
        }
    }
}
