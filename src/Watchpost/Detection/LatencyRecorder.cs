namespace Watchpost.Detection;

/// <summary>
/// Keeps the most recent latency samples (milliseconds) in a fixed ring, for percentiles without unbounded memory.
/// Thread-safe; recording is a lock and a store.
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly double[] _samples;
    private readonly Lock _lock = new();
    private long _count;

    public LatencyRecorder(int capacity = 2048)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _samples = new double[capacity];
    }

    /// <summary>Samples recorded since creation (the ring holds the last <c>capacity</c> of them).</summary>
    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public void Record(double milliseconds)
    {
        lock (_lock)
        {
            _samples[_count % _samples.Length] = milliseconds;
            _count++;
        }
    }

    /// <summary>The samples now in the ring, oldest order not kept.</summary>
    public double[] Snapshot()
    {
        lock (_lock)
        {
            return _samples[..(int)Math.Min(_count, _samples.Length)];
        }
    }

    /// <summary>The <paramref name="fraction"/> percentile (0.5 = median) of the samples in the ring; NaN when there are none.</summary>
    public double Percentile(double fraction) => Percentile(Snapshot(), fraction);

    /// <summary>Nearest-rank percentile of <paramref name="samples"/> (sorted in place).</summary>
    public static double Percentile(double[] samples, double fraction)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(samples);
        var rank = (int)Math.Ceiling(Math.Clamp(fraction, 0, 1) * samples.Length) - 1;
        return samples[Math.Clamp(rank, 0, samples.Length - 1)];
    }
}
