namespace Watchpost.Events;

/// <summary>
/// Frame-to-alert latency: from the wall time the triggering frame was read to the broker's acknowledgement of
/// the alert. Keeps the most recent samples (a ring) for percentiles; thread-safe.
/// </summary>
public sealed class AlertLatencyStats
{
    private readonly double[] _samplesMs;
    private readonly Lock _gate = new();
    private long _count;

    public AlertLatencyStats(int capacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _samplesMs = new double[capacity];
    }

    /// <summary>Alerts measured since start (all of them, not only those still in the ring).</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public TimeSpan P50 => Percentile(0.50);

    public TimeSpan P99 => Percentile(0.99);

    public TimeSpan Max => Percentile(1.0);

    public void Record(TimeSpan latency)
    {
        lock (_gate)
        {
            _samplesMs[_count % _samplesMs.Length] = latency.TotalMilliseconds;
            _count++;
        }
    }

    /// <summary>The nearest-rank percentile (0..1) of the samples held; zero when there are none.</summary>
    public TimeSpan Percentile(double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1.0);
        double[] sorted;
        lock (_gate)
        {
            var n = (int)Math.Min(_count, _samplesMs.Length);
            if (n == 0)
            {
                return TimeSpan.Zero;
            }

            sorted = _samplesMs[..n];
        }

        Array.Sort(sorted);
        var rank = Math.Max(1, (int)Math.Ceiling(fraction * sorted.Length));
        return TimeSpan.FromMilliseconds(sorted[rank - 1]);
    }

    public override string ToString() =>
        FormattableString.Invariant($"n={Count} p50={P50.TotalMilliseconds:F1}ms p99={P99.TotalMilliseconds:F1}ms max={Max.TotalMilliseconds:F1}ms");
}
