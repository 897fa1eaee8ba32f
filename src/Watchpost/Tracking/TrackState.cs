using Watchpost.Detection;

namespace Watchpost.Tracking;

/// <summary>The mutable state of one track inside <see cref="ByteTracker"/>.</summary>
internal sealed class TrackState
{
    private readonly BoxKalmanFilter _filter;

    public TrackState(int id, DetectedObject detection, TimeSpan timestamp, KalmanNoise noise)
    {
        Id = id;
        ClassId = detection.ClassId;
        Score = detection.Score;
        Box = detection.Box;
        FirstSeen = timestamp;
        LastSeen = timestamp;
        LastConfident = timestamp;
        Hits = 1;
        _filter = new BoxKalmanFilter(detection.Box, noise);
    }

    public int Id { get; }

    public int ClassId { get; }

    public float Score { get; private set; }

    /// <summary>The filter's estimate: corrected by the detection when matched, predicted otherwise.</summary>
    public BoundingBox Box { get; private set; }

    /// <summary>Where the filter expects the object in the current frame (used for association).</summary>
    public BoundingBox Predicted => _filter.Box;

    public int Hits { get; private set; }

    public bool IsConfirmed { get; set; }

    public bool IsMatched { get; private set; } = true;

    public TimeSpan FirstSeen { get; }

    public TimeSpan LastSeen { get; private set; }

    /// <summary>When a high-score detection last supported the track.</summary>
    public TimeSpan LastConfident { get; private set; }

    public void Predict(double seconds)
    {
        _filter.Predict(seconds, freezeSize: !IsMatched);
        IsMatched = false;
    }

    public void Match(DetectedObject detection, TimeSpan timestamp, bool confident)
    {
        if (confident)
        {
            LastConfident = timestamp;
        }

        _filter.Update(detection.Box);
        Box = _filter.Box;
        Score = detection.Score;
        LastSeen = timestamp;
        IsMatched = true;
        Hits++;
    }

    /// <summary>Shows the prediction as the track's box for a frame without a detection.</summary>
    public void Miss() => Box = _filter.Box;

    public Track ToTrack() => new(Id, Box, ClassId, Score, IsConfirmed, IsMatched, Hits, FirstSeen);
}
