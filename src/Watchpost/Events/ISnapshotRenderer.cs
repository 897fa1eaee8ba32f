using OpenCvSharp;
using Watchpost.Detection;

namespace Watchpost.Events;

/// <summary>Renders an event's snapshot (see <see cref="SnapshotRenderer"/>); a seam so tests can hold the recorder mid-render.</summary>
public interface ISnapshotRenderer
{
    /// <summary>The frame (BGR, left unchanged) with the box and label, as JPEG bytes.</summary>
    byte[] Render(Mat frame, BoundingBox box, string label);
}
