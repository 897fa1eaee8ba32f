namespace Watchpost.Bench;

/// <summary>
/// The quiet-scene clip's timetable: <see cref="BackgroundSeconds"/> of the empty scene, then
/// <see cref="WalkInSeconds"/> of the real footage starting at one of <see cref="FootageStarts"/>, once per walk-in;
/// the clip loops, so a camera sees a walk-in every <see cref="BackgroundSeconds"/> + <see cref="WalkInSeconds"/>.
/// </summary>
public sealed record QuietScene
{
    public static QuietScene Default { get; } = new();

    public double Fps { get; init; } = 10;

    public double BackgroundSeconds { get; init; } = 20;

    public double WalkInSeconds { get; init; } = 4;

    /// <summary>Where in the footage each walk-in's frames are taken from (seconds).</summary>
    public IReadOnlyList<double> FootageStarts { get; init; } = [8, 30, 55];

    public double LengthSeconds => FootageStarts.Count * (BackgroundSeconds + WalkInSeconds);

    public int BackgroundFrames => (int)Math.Round(BackgroundSeconds * Fps);

    public int WalkInFrames => (int)Math.Round(WalkInSeconds * Fps);

    public int LengthFrames => FootageStarts.Count * (BackgroundFrames + WalkInFrames);

    /// <summary>When walk-in <paramref name="index"/> begins, in seconds from the clip's start.</summary>
    public double WalkInStart(int index) => (index * (BackgroundSeconds + WalkInSeconds)) + BackgroundSeconds;

    /// <summary>
    /// The walk-in a detection at <paramref name="clipSeconds"/> (seconds since the clip's first frame, loops included)
    /// belongs to, as (loop, walk-in index, seconds since it began); null in the empty stretch.
    /// </summary>
    public (long Loop, int WalkIn, double SinceStart)? WalkInAt(double clipSeconds)
    {
        var loop = (long)Math.Floor(clipSeconds / LengthSeconds);
        var within = clipSeconds - (loop * LengthSeconds);
        var walkIn = (int)(within / (BackgroundSeconds + WalkInSeconds));
        var since = within - WalkInStart(walkIn);
        return since >= 0 && since < WalkInSeconds ? (loop, walkIn, since) : null;
    }
}
