using OpenCvSharp;
using Watchpost.Detection;

namespace Watchpost.Tests.Evaluation;

/// <summary>Passes frames to a real detector and keeps every frame's detections, so other trackers can replay them.</summary>
internal sealed class RecordingDetector(IObjectDetector inner) : IObjectDetector
{
    public List<IReadOnlyList<DetectedObject>> Frames { get; } = [];

    public IReadOnlyList<string> Labels => inner.Labels;

    public IReadOnlyList<DetectedObject> Detect(Mat frame)
    {
        var detections = inner.Detect(frame);
        Frames.Add([.. detections]);
        return detections;
    }

    public void Dispose() => inner.Dispose();
}
