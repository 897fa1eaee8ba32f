namespace Watchpost.Tracking;

/// <summary>
/// Settings of <see cref="ByteTracker"/>. Every threshold is either a detector score, an IoU (independent of
/// box size) or a time span in the stream's own time, so the defaults carry over between scenes and frame rates.
/// The score and IoU defaults are ByteTrack's published MOT17 settings (as in MMTracking's ByteTrack config).
/// </summary>
public sealed record ByteTrackerOptions
{
    /// <summary>Detections at or above this score take part in the first association and may start tracks.</summary>
    public float HighScoreThreshold { get; init; } = 0.6f;

    /// <summary>Detections between this and <see cref="HighScoreThreshold"/> may only extend tracks (second association).</summary>
    public float LowScoreThreshold { get; init; } = 0.1f;

    /// <summary>An unmatched high-score detection starts a new (tentative) track at or above this score.</summary>
    public float NewTrackScoreThreshold { get; init; } = 0.7f;

    /// <summary>Least IoU between a track's predicted box and a high-score detection for them to match.</summary>
    public float HighMatchMinIou { get; init; } = 0.1f;

    /// <summary>Least IoU for a low-score detection to extend a track (stricter: these are often background).</summary>
    public float LowMatchMinIou { get; init; } = 0.5f;

    /// <summary>Least IoU for a tentative track to take a leftover high-score detection.</summary>
    public float TentativeMatchMinIou { get; init; } = 0.3f;

    /// <summary>Weigh the first association's IoU by the detection score (ByteTrack's fuse_score).</summary>
    public bool FuseScore { get; init; } = true;

    /// <summary>Consecutive matched frames a track needs before it is confirmed; a tentative track that misses a frame is dropped.</summary>
    public int ConfirmHits { get; init; } = 2;

    /// <summary>
    /// How long a confirmed track lives after its last high-score detection: while lost (predicted) it can be found
    /// again with its id, and low-score detections keep it visible but do not extend this time.
    /// </summary>
    public TimeSpan LostBuffer { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// ByteTrack's original rule: a low-score match restarts the lost buffer too, so low-score detections alone can
    /// keep a track alive forever (on a background object the detector half-believes, for instance). Off by default.
    /// </summary>
    public bool LowScoreRenewsTrack { get; init; }

    /// <summary>A lost track and a current one overlapping this much are taken as the same object and the younger is dropped.</summary>
    public float DuplicateIou { get; init; } = 0.85f;

    /// <summary>Kalman filter noise, relative to box height and elapsed time.</summary>
    public KalmanNoise Noise { get; init; } = new();

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        RequireFraction(HighScoreThreshold, nameof(HighScoreThreshold));
        RequireFraction(LowScoreThreshold, nameof(LowScoreThreshold));
        RequireFraction(NewTrackScoreThreshold, nameof(NewTrackScoreThreshold));
        RequireFraction(HighMatchMinIou, nameof(HighMatchMinIou));
        RequireFraction(LowMatchMinIou, nameof(LowMatchMinIou));
        RequireFraction(TentativeMatchMinIou, nameof(TentativeMatchMinIou));
        RequireFraction(DuplicateIou, nameof(DuplicateIou));
        if (LowScoreThreshold > HighScoreThreshold)
        {
            throw new ArgumentException(
                $"{nameof(LowScoreThreshold)} ({LowScoreThreshold}) must not exceed {nameof(HighScoreThreshold)} ({HighScoreThreshold}).");
        }

        if (ConfirmHits < 1)
        {
            throw new ArgumentException($"{nameof(ConfirmHits)} must be at least 1, got {ConfirmHits}.");
        }

        if (LostBuffer < TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(LostBuffer)} must not be negative, got {LostBuffer}.");
        }

        ArgumentNullException.ThrowIfNull(Noise, nameof(Noise));
    }

    private static void RequireFraction(float value, string name)
    {
        if (!(value >= 0f && value <= 1f))
        {
            throw new ArgumentException($"{name} must be between 0 and 1, got {value}.");
        }
    }
}
