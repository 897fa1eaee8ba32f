namespace Watchpost.Hosting;

/// <summary>
/// One picture size of one camera's live view, shared by every viewer of that size: the latest JPEG (only that one
/// is kept) and a signal for the next. The renderer encodes a new one at most at the fastest rate its viewers asked for.
/// </summary>
internal sealed class LiveViewStream(int width)
{
    private readonly Lock _gate = new();
    private readonly List<LiveViewer> _viewers = [];
    private (long Sequence, byte[]? Jpeg) _frame;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _interval = long.MaxValue;
    private long _lastRendered;   // 0 = never

    public int Width => width;

    public int ViewerCount
    {
        get
        {
            lock (_gate)
            {
                return _viewers.Count;
            }
        }
    }

    /// <summary>Whether a new picture is due at <paramref name="now"/> (Stopwatch ticks) for the fastest viewer.</summary>
    public bool Due(long now)
    {
        var last = Volatile.Read(ref _lastRendered);
        return last == 0 || now - last >= Volatile.Read(ref _interval);
    }

    public void Add(LiveViewer viewer)
    {
        lock (_gate)
        {
            _viewers.Add(viewer);
            Volatile.Write(ref _interval, _viewers.Min(v => v.Interval));
        }
    }

    /// <returns>Whether viewers are left.</returns>
    public bool Remove(LiveViewer viewer)
    {
        lock (_gate)
        {
            _viewers.Remove(viewer);
            Volatile.Write(ref _interval, _viewers.Count == 0 ? long.MaxValue : _viewers.Min(v => v.Interval));
            return _viewers.Count > 0;
        }
    }

    public void Publish(byte[] jpeg, long now)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            _frame = (_frame.Sequence + 1, jpeg);
            done = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        Volatile.Write(ref _lastRendered, now);
        done.TrySetResult();
    }

    /// <summary>The latest picture (sequence 0 and null before the first) and a task that completes when the next one comes.</summary>
    public (long Sequence, byte[]? Jpeg, Task Next) Current()
    {
        lock (_gate)
        {
            return (_frame.Sequence, _frame.Jpeg, _next.Task);
        }
    }
}
