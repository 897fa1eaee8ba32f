using Watchpost.Detection;

namespace Watchpost.Tracking;

/// <summary>A multi-object tracker for one camera. Pure: no I/O, frames must be fed in order.</summary>
public interface IObjectTracker
{
    /// <summary>
    /// Feeds one frame's detections and returns the tracks that are active after it (confirmed and tentative), and the
    /// confirmed tracks lost for a short while, with <see cref="Track.IsMatched"/> false and a predicted box.
    /// </summary>
    IReadOnlyList<Track> Update(TimeSpan timestamp, ReadOnlySpan<DetectedObject> detections);
}
