using System.Diagnostics;

namespace Watchpost.Ingest;

/// <summary>Releases frames at a fixed rate, as a live camera would deliver them; it never bursts to catch up.</summary>
internal sealed class FramePacer
{
    /// <summary>Behind by more than this (a stall, a slow disk): start a new schedule rather than rush frames out.</summary>
    private static readonly TimeSpan MaxLag = TimeSpan.FromSeconds(1);

    private readonly TimeSpan _interval;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    // The schedule starts at the first frame, so opening the file and decoding the first frame do not count.
    private TimeSpan _start;
    private long _count;

    public FramePacer(double fps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(fps, 0);
        _interval = TimeSpan.FromSeconds(1 / fps);
    }

    /// <summary>Blocks until the next frame is due; false when cancelled first.</summary>
    public bool WaitForNext(CancellationToken cancellationToken)
    {
        var now = _clock.Elapsed;
        var due = _start + (_interval * _count);
        if (_count == 0 || now - due > MaxLag)
        {
            _start = now;
            _count = 0;
            due = now;
        }

        _count++;
        return due <= now || !cancellationToken.WaitHandle.WaitOne(due - now);
    }
}
