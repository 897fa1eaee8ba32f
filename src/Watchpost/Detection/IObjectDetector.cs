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

    /// <summary>Runs the model on <paramref name="frame"/> (BGR, any size) and returns boxes in its pixels, in a new list the caller owns.</summary>
    IReadOnlyList<DetectedObject> Detect(Mat frame);

    /// <summary>
    /// Like <see cref="Detect(Mat)"/> but replaces the contents of <paramref name="results"/>, which the caller owns
    /// and may reuse from frame to frame: the steady-state path of <see cref="OnnxObjectDetector"/> then allocates nothing.
    /// </summary>
    void Detect(Mat frame, List<DetectedObject> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var found = Detect(frame);
        results.Clear();
        results.AddRange(found);
    }

    /// <summary>The most frames one <see cref="DetectBatch"/> takes (1: the detector runs frame by frame).</summary>
    int BatchSize => 1;

    /// <summary>Detects objects in up to <see cref="BatchSize"/> frames; the detections of <paramref name="frames"/>[i] replace <paramref name="results"/>[i].</summary>
    void DetectBatch(IReadOnlyList<Mat> frames, IReadOnlyList<List<DetectedObject>> results)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(results);
        for (var i = 0; i < frames.Count; i++)
        {
            Detect(frames[i], results[i]);
        }
    }
}
