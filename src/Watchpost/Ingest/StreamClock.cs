namespace Watchpost.Ingest;

/// <summary>
/// Turns a live stream's presentation times into frame timestamps that only move forward across reconnects.
/// The first frame of each connection is placed at the source's elapsed wall time (the stream's own clock
/// restarts when the camera or server does); later frames advance by their PTS differences. Without a PTS,
/// or when the PTS jumps back or far ahead, the elapsed wall time is used.
/// </summary>
internal sealed class StreamClock
{
    /// <summary>A forward PTS jump larger than this is a restarted or broken stream clock, not a real gap.</summary>
    private static readonly TimeSpan MaxJump = TimeSpan.FromSeconds(60);

    private TimeSpan? _last;
    private double _firstPts;
    private double _lastPts;
    private TimeSpan _base;
    private bool _anchored;

    /// <summary>Call when a new connection starts: its PTS has no relation to the previous one's.</summary>
    public void NewConnection() => _anchored = false;

    public TimeSpan Next(double? ptsSeconds, TimeSpan elapsed)
    {
        TimeSpan timestamp;
        if (ptsSeconds is double pts && double.IsFinite(pts))
        {
            if (!_anchored || pts < _lastPts || TimeSpan.FromSeconds(pts - _lastPts) > MaxJump)
            {
                _anchored = true;
                _firstPts = pts;
                _base = Later(elapsed);
            }

            _lastPts = pts;
            timestamp = _base + TimeSpan.FromSeconds(pts - _firstPts);
        }
        else
        {
            _anchored = false;
            timestamp = Later(elapsed);
        }

        _last = timestamp;
        return timestamp;
    }

    private TimeSpan Later(TimeSpan elapsed) => _last is { } last && last > elapsed ? last : elapsed;
}
