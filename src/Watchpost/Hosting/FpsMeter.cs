using System.Diagnostics;

namespace Watchpost.Hosting;

/// <summary>
/// Frames read per second over the last few seconds of one camera, from its frame counter sampled once a second
/// (the supervisor's timer) and read by the console from any thread.
/// </summary>
internal sealed class FpsMeter
{
    private const int Samples = 6;   // five seconds of one-second samples
    private readonly (long Timestamp, long Frames)[] _samples = new (long, long)[Samples];
    private readonly Lock _gate = new();
    private int _count;
    private int _next;

    public void Sample(long frames, long timestamp)
    {
        lock (_gate)
        {
            // A restarted pipeline counts from zero again: start over rather than report a negative rate.
            if (_count > 0 && frames < _samples[(_next + Samples - 1) % Samples].Frames)
            {
                _count = 0;
            }

            _samples[_next] = (timestamp, frames);
            _next = (_next + 1) % Samples;
            _count = Math.Min(_count + 1, Samples);
        }
    }

    public void Sample(long frames) => Sample(frames, Stopwatch.GetTimestamp());

    /// <summary>Frames per second between the oldest and the newest sample (0 until there are two).</summary>
    public double Fps
    {
        get
        {
            lock (_gate)
            {
                if (_count < 2)
                {
                    return 0;
                }

                var newest = _samples[(_next + Samples - 1) % Samples];
                var oldest = _samples[(_next + Samples - _count) % Samples];
                var seconds = Stopwatch.GetElapsedTime(oldest.Timestamp, newest.Timestamp).TotalSeconds;
                return seconds <= 0 ? 0 : Math.Round((newest.Frames - oldest.Frames) / seconds, 1);
            }
        }
    }
}
