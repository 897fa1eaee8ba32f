using OpenCvSharp;
using Watchpost.Assets;
using Watchpost.Behaviours;
using Watchpost.Behaviours.Fight;
using Watchpost.Tests.Evaluation;
using Watchpost.Tests.Support;
using Watchpost.Tracking;
using Xunit.Abstractions;

namespace Watchpost.Tests.Behaviours;

/// <summary>
/// The fight rule on real clips of ../shared/media/fights (the Surveillance Camera Fight Dataset): detector,
/// tracker, motion field and rule, as the pipeline runs them. The clips were chosen before the rule was measured
/// (the first two of each label); the rule does not get all four right (docs/behaviours.md), so the test
/// holds the measured aggregate, and a rule that stops reading motion or people fails it. fi006 was added for the
/// weak-detection path: nobody there scores the 0.7 a track needs, so the rule sees the fighters only as raw boxes.
/// </summary>
public class FightFootageTests(ITestOutputHelper output)
{
    private const string WeakOnly = "fight-fi006";

    private static readonly string[] Clips = ["fight-fi001", "fight-fi002", "nofight-nofi001", "nofight-nofi002"];

    [MediaFact("media/fights/fight-fi001.mp4", "media/fights/fight-fi002.mp4", "media/fights/nofight-nofi001.mp4", "media/fights/nofight-nofi002.mp4", "media/fights/fight-fi006.mp4", "models/yolox_nano.onnx")]
    public void The_rule_gets_at_least_half_of_four_clips_picked_up_front_right()
    {
        using var detector = TestDetector.Create();
        var right = 0;
        foreach (var clip in Clips)
        {
            var fired = Fires(detector, AssetMirror.Find($"media/fights/{clip}.mp4")!);
            var fight = clip.StartsWith("fight", StringComparison.Ordinal);
            output.WriteLine($"{clip}: {(fired ? "fight event" : "no event")}");
            right += fired == fight ? 1 : 0;
        }

        Assert.True(right >= 2, $"{right} of {Clips.Length} clips right");
    }

    [MediaFact("media/fights/fight-fi001.mp4", "media/fights/fight-fi002.mp4", "media/fights/nofight-nofi001.mp4", "media/fights/nofight-nofi002.mp4", "media/fights/fight-fi006.mp4", "models/yolox_nano.onnx")]
    public void A_fight_whose_people_only_weak_detections_see_is_found_through_them()
    {
        using var detector = TestDetector.Create();
        var path = AssetMirror.Find($"media/fights/{WeakOnly}.mp4")!;

        Assert.True(Fires(detector, path), $"{WeakOnly}: no event with the raw detections");
        Assert.False(Fires(detector, path, withDetections: false), $"{WeakOnly}: an event from tracks alone (then it no longer tests the weak path)");
    }

    private static bool Fires(Watchpost.Detection.OnnxObjectDetector detector, string path, bool withDetections = true)
    {
        var rule = new FightRule(new FightRuleOptions { Id = "fight", Camera = RuleHarness.Camera }, new RuleContext(new Watchpost.Configuration.WatchpostOptions(), Watchpost.Models.CocoLabels.All));
        using var capture = new VideoCapture(path);
        var fps = capture.Fps > 0 ? capture.Fps : 25;
        var tracker = new ByteTracker();
        using var motion = new MotionFieldBuilder();
        using var frame = new Mat();
        var signals = new List<RuleSignal>();
        for (var n = 0; capture.Read(frame) && !frame.Empty(); n++)
        {
            var t = TimeSpan.FromSeconds(n / fps);
            Watchpost.Detection.DetectedObject[] detections = [.. detector.Detect(frame)];
            var tracks = tracker.Update(t, detections);
            rule.Evaluate(new RuleFrame(t, tracks, motion.Update(frame, t), withDetections ? detections : null), signals);
        }

        return signals.Any(s => s.Phase == RulePhase.Started);
    }
}
