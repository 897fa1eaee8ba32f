using System.Collections.ObjectModel;
using OpenCvSharp;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Tracking;

namespace Watchpost.Ingest.Motion;

/// <summary>
/// Decides per frame whether a camera's frame goes to the detector: when something moves in it, when the camera's
/// tracker still follows objects (active, or lost but not yet ended: they need detections to be updated or ended
/// on time), or when <see cref="MotionOptions.RecheckSeconds"/> have passed since the detector last ran (people who
/// stand still). Otherwise the frame is gated out: the tracker and rules still get it, with no detections, so time
/// moves on for them. A disabled gate sends every frame.
/// </summary>
/// <remarks>
/// The pipeline decides on the reading side (<see cref="DetectAsync"/>) while earlier frames are still being detected,
/// so what it knows of the tracker is a frame or two old; <see cref="ConfirmAsync"/> on the tracking side, which knows
/// the tracker as it is, detects a gated frame after all when tracks turned up meanwhile, so that no track misses
/// a frame because of the gate (a tentative track that misses one is dropped).
/// </remarks>
public sealed class MotionGate : IDisposable
{
    /// <summary>The marker result of a frame gated out on the reading side (compared by reference).</summary>
    private static readonly ReadOnlyCollection<DetectedObject> NotDetected = new([]);

    private static readonly Task<IReadOnlyList<DetectedObject>> NotDetectedTask = Task.FromResult<IReadOnlyList<DetectedObject>>(NotDetected);

    private readonly MotionOptions _options;
    private readonly CameraCounters? _counters;
    private readonly MotionDetector? _motion;
    private readonly TimeSpan _recheck;
    private long _lastDetectedTicks = long.MinValue;
    private long _gated;
    private volatile bool _tracking;

    /// <param name="counters">Where gated frames are counted (the camera's; none when null).</param>
    public MotionGate(MotionOptions options, CameraCounters? counters = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _counters = counters;
        _recheck = TimeSpan.FromSeconds(options.RecheckSeconds);
        _motion = options.Enabled ? new MotionDetector(options) : null;
    }

    public bool Enabled => _motion is not null;

    /// <summary>Frames gated out so far.</summary>
    public long FramesGated => Interlocked.Read(ref _gated);

    /// <summary>The motion of the last frame decided on (its boxes in frame pixels); none when disabled.</summary>
    public MotionResult LastMotion { get; private set; } = MotionResult.None;

    /// <summary>
    /// For callers that track in step with deciding (the evaluation): true when <paramref name="frame"/> goes to the
    /// detector; false counts it as gated out (hold the tracks as they are). <paramref name="tracking"/>: the
    /// tracker's tracks need updating (<see cref="NeedsUpdating"/>).
    /// </summary>
    public bool ShouldDetect(Mat frame, TimeSpan timestamp, bool tracking)
    {
        if (Decide(frame, timestamp, tracking))
        {
            return true;
        }

        CountGated();
        return false;
    }

    /// <summary>The pipeline's reading side: the detector's task for the frame, or a marker when the gate holds it back.</summary>
    /// <param name="frame">Kept alive by the caller until the task completes and <see cref="ConfirmAsync"/> has run.</param>
    public Task<IReadOnlyList<DetectedObject>> DetectAsync(VideoFrame frame, IDetectionService detector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(detector);
        return Decide(frame.Image, frame.Timestamp, _tracking)
            ? detector.DetectAsync(frame.Image, cancellationToken)
            : NotDetectedTask;
    }

    /// <summary>
    /// The pipeline's tracking side, in frame order before the tracker's update: <paramref name="found"/> as it
    /// was, or, for a frame gated out, the detector's result when tracks need updating after all (see
    /// <see cref="NeedsUpdating"/>), else null: the frame is held, and the tracks stay as they are.
    /// </summary>
    /// <param name="tracks">The tracker's tracks after the previous frame.</param>
    public async ValueTask<IReadOnlyList<DetectedObject>?> ConfirmAsync(
        IReadOnlyList<DetectedObject> found, VideoFrame frame, IReadOnlyList<Track> tracks, IDetectionService detector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentNullException.ThrowIfNull(detector);
        var updating = NeedsUpdating(tracks);
        _tracking = updating;
        if (!ReferenceEquals(found, NotDetected))
        {
            return found;
        }

        if (updating)
        {
            Detected(frame.Timestamp);
            return await detector.DetectAsync(frame.Image, cancellationToken);
        }

        CountGated();
        return null;
    }

    /// <summary>
    /// Whether the tracker needs the detector on the next frame even without motion: a tentative track (it must be
    /// seen again to be confirmed) or a lost one (it may be found again). Confirmed tracks matched on their last
    /// frame do not: with nothing moving in the picture they are where they were (a parked car, someone standing
    /// still), so a gated frame holds them as they are rather than feeding the tracker an empty frame, which would
    /// lose them and start them again under a new id at the next re-check.
    /// </summary>
    public static bool NeedsUpdating(IReadOnlyList<Track> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        foreach (var track in tracks)
        {
            if (!track.IsConfirmed || !track.IsMatched)
            {
                return true;
            }
        }

        return false;
    }

    private bool Decide(Mat frame, TimeSpan timestamp, bool tracking)
    {
        if (_motion is null)
        {
            return true;
        }

        LastMotion = _motion.Detect(frame, timestamp);
        var last = Interlocked.Read(ref _lastDetectedTicks);
        var due = last == long.MinValue || timestamp.Ticks < last || timestamp.Ticks - last >= _recheck.Ticks;
        if (LastMotion.HasMotion || tracking || due)
        {
            Detected(timestamp);
            return true;
        }

        return false;
    }

    private void Detected(TimeSpan timestamp) => Interlocked.Exchange(ref _lastDetectedTicks, timestamp.Ticks);

    private void CountGated()
    {
        Interlocked.Increment(ref _gated);
        _counters?.FrameGated();
    }

    public void Dispose() => _motion?.Dispose();

    /// <inheritdoc/>
    public override string ToString() =>
        Enabled ? $"motion gate (threshold {_options.Threshold}, min area {_options.MinArea} px², recheck {_options.RecheckSeconds} s)" : "motion gate off";
}
