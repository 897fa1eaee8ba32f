using OpenCvSharp;
using Watchpost.Behaviours;
using Watchpost.Events;
using Watchpost.Ingest;

namespace Watchpost.Hosting;

/// <summary>
/// The one place a rule's event step becomes an event-log candidate. Per camera: it remembers the best view of
/// each open event so that an update carries a frame (a copy costs a megabyte) only when its view is better.
/// The copy has the camera's privacy masks blurred before it leaves the pipeline, so no stored snapshot holds them.
/// </summary>
public sealed class EventCandidateMapper
{
    private readonly Dictionary<string, double> _bestView = [];

    /// <param name="frame">The frame the step happened on; null when there is none (the camera stopped).</param>
    /// <param name="path">The object's path so far (<see cref="Tracking.TrackPathHistory.For"/>); none when null.</param>
    /// <param name="masks">The camera's privacy masks, blurred in the candidate's copy of the frame; none when null.</param>
    public EventCandidate Map(BehaviourEvent e, VideoFrame? frame, IReadOnlyList<float[]>? path = null, PrivacyMask? masks = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        var signal = e.Signal;
        var quality = SnapshotQuality(signal);
        var withFrame = frame is not null && e.Phase switch
        {
            RulePhase.Started => true,
            _ => quality > _bestView.GetValueOrDefault(e.EventId),
        };
        if (e.Phase == RulePhase.Ended)
        {
            _bestView.Remove(e.EventId);
        }
        else if (withFrame)
        {
            _bestView[e.EventId] = quality;
        }

        var receivedAt = frame?.ReceivedAt ?? DateTimeOffset.UtcNow;
        return new EventCandidate(withFrame ? Copy(frame!, masks) : null)
        {
            Path = path ?? SecurityEvent.NoPath,
            EventId = e.EventId,
            Phase = e.Phase switch { RulePhase.Started => EventPhase.Started, RulePhase.Updated => EventPhase.Updated, _ => EventPhase.Ended },
            SnapshotQuality = quality,
            Type = e.Rule.Type,
            RuleId = e.Rule.RuleId,
            Severity = e.Rule.Severity,
            CameraId = e.Rule.CameraId,
            ZoneId = e.Rule.ZoneId ?? e.Rule.LineId,
            ClassName = signal.ClassName,
            TrackId = signal.TrackId,
            Score = signal.Score,
            Box = signal.Box,
            StreamTimestamp = e.Timestamp,
            StartedAt = receivedAt - (e.Timestamp - signal.StartedAt),
            FrameReceivedAt = receivedAt,
            Details = signal.Details,
        };
    }

    private static Mat Copy(VideoFrame frame, PrivacyMask? masks)
    {
        var copy = frame.Image.Clone();
        try
        {
            masks?.Apply(copy);
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    /// <summary>Bigger and more confident is a better view: box area times score.</summary>
    private static double SnapshotQuality(in RuleSignal signal) => signal.Box.Area * signal.Score;
}
