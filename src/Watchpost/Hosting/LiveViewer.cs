using System.Diagnostics;

namespace Watchpost.Hosting;

/// <summary>
/// One client of a camera's live view (<see cref="LiveViewRenderer.Watch"/>): takes the latest picture of its size,
/// never faster than its own frame rate; a slow client skips pictures instead of queueing them. Dispose it when
/// the client goes: the camera stops encoding once nobody watches.
/// </summary>
public sealed class LiveViewer : IDisposable
{
    private readonly LiveViewRenderer _renderer;
    private readonly LiveViewStream _stream;
    private long _lastSequence;
    private long _lastSent = long.MinValue;
    private int _disposed;

    internal LiveViewer(LiveViewRenderer renderer, LiveViewStream stream, int fps)
    {
        _renderer = renderer;
        _stream = stream;
        Interval = Stopwatch.Frequency / fps;
    }

    /// <summary>The width of the pictures (the shared stream's).</summary>
    public int Width => _stream.Width;

    /// <summary>Stopwatch ticks between two pictures at this viewer's frame rate.</summary>
    internal long Interval { get; }

    internal LiveViewStream Stream => _stream;

    /// <summary>The next picture (JPEG) newer than the last one this viewer got, no sooner than its frame interval after it.</summary>
    public async Task<byte[]> NextAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_lastSent != long.MinValue)
        {
            var wait = Stopwatch.GetElapsedTime(_lastSent);
            var interval = TimeSpan.FromSeconds((double)Interval / Stopwatch.Frequency);
            if (wait < interval)
            {
                await Task.Delay(interval - wait, cancellationToken);
            }
        }

        while (true)
        {
            var (sequence, jpeg, next) = _stream.Current();
            if (sequence > _lastSequence && jpeg is not null)
            {
                _lastSequence = sequence;
                _lastSent = Stopwatch.GetTimestamp();
                return jpeg;
            }

            await next.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _renderer.Leave(this);
        }
    }
}
