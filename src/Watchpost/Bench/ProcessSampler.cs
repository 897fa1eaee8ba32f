using System.Diagnostics;

namespace Watchpost.Bench;

/// <summary>Samples this process's CPU time and resident memory (RSS) once a second while a benchmark runs.</summary>
public sealed class ProcessSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly TimeSpan _cpuAtStart;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly List<(double Seconds, long RssBytes)> _rss = [];

    public ProcessSampler()
    {
        using var process = Process.GetCurrentProcess();
        _cpuAtStart = process.TotalProcessorTime;
        _loop = SampleAsync(_stop.Token);
    }

    /// <summary>CPU seconds used per wall second since the start (1.0 = one core busy).</summary>
    public double CpuCores
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return (process.TotalProcessorTime - _cpuAtStart).TotalSeconds / Math.Max(1e-9, _wall.Elapsed.TotalSeconds);
        }
    }

    /// <summary>CPU seconds this process has used since the sampler started.</summary>
    public double CpuSeconds
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return (process.TotalProcessorTime - _cpuAtStart).TotalSeconds;
        }
    }

    public static long CurrentRssBytes
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return process.WorkingSet64;
        }
    }

    /// <summary>The largest RSS the process had, as the kernel counts it (VmHWM).</summary>
    public static long PeakRssBytes
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return process.PeakWorkingSet64;
        }
    }

    public IReadOnlyList<(double Seconds, long RssBytes)> RssSamples
    {
        get
        {
            lock (_rss)
            {
                return [.. _rss];
            }
        }
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                lock (_rss)
                {
                    _rss.Add((_wall.Elapsed.TotalSeconds, CurrentRssBytes));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
