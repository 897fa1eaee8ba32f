namespace Watchpost.Behaviours.Objects;

/// <summary>
/// The latest observations of one track, newest last, in a fixed buffer (no allocation once made): 128 samples,
/// the 1.5 s stationary window up to 85 fps; at a higher rate the oldest are overwritten, so the window a reader
/// asks for may be shorter than it wants and it must check <see cref="Span"/>.
/// </summary>
internal sealed class SampleRing
{
    public const int Capacity = 128;

    private readonly TrackSample[] _samples = new TrackSample[Capacity];
    private int _start;

    public int Count { get; private set; }

    /// <summary>The i-th sample counted back from the newest (0 = newest).</summary>
    public TrackSample FromNewest(int i) => _samples[(_start + Count - 1 - i) % Capacity];

    public TrackSample Newest => FromNewest(0);

    /// <summary>Time between the oldest and the newest sample.</summary>
    public TimeSpan Span => Count == 0 ? TimeSpan.Zero : Newest.Time - FromNewest(Count - 1).Time;

    public void Add(in TrackSample sample)
    {
        if (Count == Capacity)
        {
            _start = (_start + 1) % Capacity;
            Count--;
        }

        _samples[(_start + Count) % Capacity] = sample;
        Count++;
    }

    /// <summary>Drops samples older than <paramref name="keep"/> before the newest.</summary>
    public void Trim(TimeSpan keep)
    {
        while (Count > 1 && Newest.Time - _samples[_start].Time > keep)
        {
            _start = (_start + 1) % Capacity;
            Count--;
        }
    }

    public void Clear()
    {
        _start = 0;
        Count = 0;
    }
}
