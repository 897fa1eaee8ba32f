using OpenCvSharp;
using Watchpost.Behaviours;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Models;
using Watchpost.Tests.Detection;
using Watchpost.Tests.Support;
using Watchpost.Tracking;

namespace Watchpost.Tests.Behaviours;

/// <summary>The real detector (YOLOX-Nano, CPU, score 0.1 as the product runs it) and ByteTrack over clip frames: the tracks of each frame.</summary>
internal static class RealTracks
{
    public static readonly string[] Classes = ["person", "backpack", "handbag", "suitcase"];

    public static List<Track[]> Of(IReadOnlyList<Mat> frames, double fps = SyntheticClips.Fps, IEnumerable<string>? classes = null)
    {
        var settings = DetectorFactory.CreateSettings(RealDetector.Model, new DetectorOptions { Classes = [.. classes ?? Classes], ScoreThreshold = 0.1 });
        using var detector = RealDetector.Create(settings);
        var tracker = new ByteTracker();
        var tracks = new List<Track[]>(frames.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            DetectedObject[] detections = [.. detector.Detect(frames[i])];
            tracks.Add([.. tracker.Update(Time(i, fps), detections)]);
        }

        return tracks;
    }

    public static TimeSpan Time(int frame, double fps = SyntheticClips.Fps) => TimeSpan.FromSeconds(frame / fps);

    public static List<BehaviourEvent> Run(RuleHarness harness, IReadOnlyList<Track[]> tracks, double fps = SyntheticClips.Fps)
    {
        var events = new List<BehaviourEvent>();
        for (var i = 0; i < tracks.Count; i++)
        {
            harness.Step(i / fps, tracks[i], events);
        }

        return events;
    }

    public static int ClassId(string name) => CocoLabels.All.ToList().IndexOf(name);

    public static bool Overlaps(BoundingBox box, Rect rect) =>
        box.X < rect.Right && box.Right > rect.X && box.Y < rect.Bottom && box.Bottom > rect.Y;
}
