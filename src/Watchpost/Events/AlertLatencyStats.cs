using Watchpost.Detection;

namespace Watchpost.Events;

/// <summary>
/// Frame-to-alert latency: from the wall time the triggering frame was read to the broker's acknowledgement of
/// the alert. Keeps the most recent samples (a ring) for percentiles; thread-safe.
/// </summary>
public sealed class AlertLatencyStats
{
    private readonly LatencyRecorder _samples;

    public AlertLatencyStats(int capacity = 4096) => _samples = new LatencyRecorder(capacity);

    /// <summary>Alerts recorded since start (the percentiles cover the most recent ones only).</summary>
    public long Count => _samples.Count;

    public TimeSpan P50 => Percentile(0.50);

    public TimeSpan P99 => Percentile(0.99);

    public TimeSpan Max => Percentile(1.0);

    public void Record(TimeSpan latency) => _samples.Record(latency.TotalMilliseconds);

    /// <summary>The <paramref name="fraction"/> (0..1) percentile by nearest rank; zero when nothing was recorded.</summary>
    public TimeSpan Percentile(double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1.0);
        var milliseconds = _samples.Percentile(fraction);
        return double.IsNaN(milliseconds) ? TimeSpan.Zero : TimeSpan.FromMilliseconds(milliseconds);
    }

    public override string ToString() =>
        FormattableString.Invariant($"n={Count} p50={P50.TotalMilliseconds:F1}ms p99={P99.TotalMilliseconds:F1}ms max={Max.TotalMilliseconds:F1}ms");
}
