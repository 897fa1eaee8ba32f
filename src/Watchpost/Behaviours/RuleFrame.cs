using Watchpost.Detection;
using Watchpost.Tracking;

namespace Watchpost.Behaviours;

/// <summary>What a rule sees of one processed frame.</summary>
/// <param name="Timestamp">The frame's stream time: rules measure durations and speeds in it, never in wall-clock time.</param>
/// <param name="Tracks">The camera's tracks after this frame (confirmed or not; rules filter with <see cref="TrackFilter"/>).</param>
/// <param name="Motion">Frame-to-frame motion, present when a rule of the camera asks for it.</param>
/// <param name="Detections">
/// The detector's raw output for this frame, weak boxes included (down to detector.scoreThreshold): evidence for
/// rules about people the tracker has not confirmed (it starts tracks only from confident boxes). Null when unknown.
/// </param>
public readonly record struct RuleFrame(TimeSpan Timestamp, IReadOnlyList<Track> Tracks, MotionField? Motion = null, IReadOnlyList<DetectedObject>? Detections = null);
