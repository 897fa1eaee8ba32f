using OpenCvSharp;

namespace Watchpost.Detection;

/// <summary>
/// Finds objects in a BGR frame. An implementation owns its inference session and is not thread-safe:
/// one caller at a time (the <see cref="DetectorPool"/> gives each worker its own detector).
/// </summary>
public interface IObjectDetector : IDisposable
{
    /// <summary>Class names in the model's order.</summary>
    IReadOnlyList<string> Labels { get; }

    /// <summary>Runs the model on <paramref name="frame"/> (BGR, any size) and returns boxes in its pixels.</summary>
    IReadOnlyList<DetectedObject> Detect(Mat frame);
}
