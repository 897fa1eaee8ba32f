using Watchpost.Detection;
using Watchpost.Tracking;

namespace Watchpost.Behaviours.Fall;

/// <summary>What <see cref="FallRule"/> remembers of one person: their standing box, when they were last up, and the fall episode if any.</summary>
internal sealed class FallWatch
{
    public int TrackId { get; set; }

    /// <summary>The latest frame the tracker still reported the track (matched or predicted).</summary>
    public long ReportedFrame { get; set; }

    /// <summary>The latest frame a detection supported the track.</summary>
    public long ObservedFrame { get; set; }

    /// <summary>Standing reference: the tallest recent upright box (frozen while the person is down).</summary>
    public BoundingBox Reference { get; set; }

    public TimeSpan ReferenceAt { get; set; }

    public TimeSpan LastUp { get; set; }

    public TimeSpan LastObserved { get; set; }

    public BoundingBox LastBox { get; set; }

    public float LastScore { get; set; }

    public int ClassId { get; set; }

    public FallPosture LastPosture { get; set; }

    /// <summary>The last observation had dropped by the fall drop within the fall time but did not look lying yet.</summary>
    public bool Falling { get; set; }

    /// <summary>A fall began: the person went from up to down within the fall time and has not been up since.</summary>
    public bool Onset { get; set; }

    /// <summary>Since when the person has been down without a break (lying or unseen); null while sitting/kneeling after the onset.</summary>
    public TimeSpan? DownSince { get; set; }

    public TimeSpan? BetweenSince { get; set; }

    public TimeSpan? UpSince { get; set; }

    public TimeSpan OnsetAt { get; set; }

    public double FallSeconds { get; set; }

    public double MaxDrop { get; set; }

    public double MinHeightRatio { get; set; }

    public bool Fired { get; set; }

    public long EpisodeKey { get; set; }

    /// <summary>The tracker has dropped the track; kept only so that a pending fall can still fire or be taken over.</summary>
    public bool Gone { get; set; }

    public void Start(in Track track, TimeSpan now, long frame)
    {
        TrackId = track.Id;
        ClassId = track.ClassId;
        Reference = track.Box;
        ReferenceAt = now;
        LastUp = now;
        ReportedFrame = frame;
        ObservedFrame = frame;
        LastObserved = now;
        LastBox = track.Box;
        LastScore = track.Score;
        LastPosture = FallPosture.Up;
        Falling = false;
        Gone = false;
        ClearEpisode();
    }

    public void ClearEpisode()
    {
        Onset = false;
        Fired = false;
        DownSince = null;
        BetweenSince = null;
        UpSince = null;
        MaxDrop = 0;
        MinHeightRatio = 1;
        FallSeconds = 0;
    }
}
