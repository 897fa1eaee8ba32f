using OpenCvSharp;

namespace Watchpost.Detection;

/// <summary>The detector shared by all cameras: accepts frames from many callers at once.</summary>
public interface IDetectionService
{
    /// <summary>How many frames it works on at the same time (a camera keeps this many in flight to keep it busy).</summary>
    int Parallelism { get; }

    IReadOnlyList<string> Labels { get; }

    /// <summary>Detects objects in <paramref name="frame"/>; the caller keeps the frame alive until the task completes.</summary>
    Task<IReadOnlyList<DetectedObject>> DetectAsync(Mat frame, CancellationToken cancellationToken);
}
