using OpenCvSharp;
using Watchpost.Assets;
using Watchpost.Behaviours;
using Watchpost.Behaviours.Fall;
using Watchpost.Tests.Detection;
using Watchpost.Tests.Support;
using Watchpost.Tracking;

namespace Watchpost.Tests.Behaviours;

/// <summary>
/// The fall rule with its defaults on real GMDCSA24 clips: the real detector (scores down to 0.1, as the appliance
/// runs it), the real tracker and the rule engine, frame n at (n - 1) / fps of the container. The whole set is
/// measured by `watchpost eval behaviour` (docs/quality.md).
/// </summary>
public class FallFootageTests
{
    [MediaFact("media/falls/subject1/fall/14.mp4", "models/yolox_nano.onnx")]
    public void A_backward_fall_is_reported_inside_its_labelled_falling_range()
    {
        // subject1/fall.csv: "Falling (BW) [0.3 to 5]"; the target allows 2 s after the range.
        var events = Run("subject1/fall/14.mp4");

        var starts = events.Where(e => e.Phase == RulePhase.Started).ToList();
        Assert.NotEmpty(starts);
        Assert.All(starts, e => Assert.InRange(e.Timestamp.TotalSeconds, 0.3, 7.0));
    }

    [MediaFact("media/falls/subject1/adl/16.mp4", "models/yolox_nano.onnx")]
    public void Picking_a_phone_up_from_the_floor_while_seated_raises_nothing()
    {
        // subject1/adl.csv: "Picking the mobile phone from the ground while sitting on the chair": the box goes wide
        // and its top drops by a third of the seated height for about half a second, then comes back up.
        Assert.Empty(Run("subject1/adl/16.mp4"));
    }

    private static List<BehaviourEvent> Run(string clip)
    {
        var rules = new RuleHarness(new FallRuleOptions { Id = "fall", Camera = RuleHarness.Camera });
        using var detector = RealDetector.Create(RealDetector.PersonSettings(score: 0.1f));
        using var capture = new VideoCapture(AssetMirror.Require($"media/falls/{clip}"));
        Assert.True(capture.IsOpened() && capture.Fps > 0, $"OpenCV could not open {clip}");
        var tracker = new ByteTracker();
        var events = new List<BehaviourEvent>();
        using var frame = new Mat();
        var n = 0;
        while (capture.Read(frame) && !frame.Empty())
        {
            var seconds = n++ / capture.Fps;
            var tracks = tracker.Update(TimeSpan.FromSeconds(seconds), [.. detector.Detect(frame)]);
            rules.Step(seconds, tracks, events);
        }

        Assert.True(n > 50, $"{clip}: only {n} frames decoded");
        return events;
    }
}
