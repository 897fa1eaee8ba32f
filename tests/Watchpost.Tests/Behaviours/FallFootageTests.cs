using Watchpost.Assets;
using Watchpost.Evaluation;
using Watchpost.Tests.Detection;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Behaviours;

/// <summary>
/// The fall rule with its defaults on real GMDCSA24 clips, through the same path as `watchpost eval behaviour`
/// (the real detector with scores down to 0.1, the real tracker, the rule engine; frame n at (n − 1) / fps of the
/// container) and the shipped docs/eval/falls-rules.json. The whole set is measured by that command (docs/quality.md).
/// </summary>
public class FallFootageTests
{
    [MediaFact("media/falls/subject1/fall/14.mp4", "models/yolox_nano.onnx")]
    public void A_backward_fall_is_reported_inside_its_labelled_falling_range()
    {
        // subject1/fall.csv: "Falling (BW) [0.3 to 5]"; the target allows 2 s after the range.
        var events = Run("subject1/fall/14.mp4");

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.InRange(e.FiredS, 0.3, 7.0));
    }

    [MediaFact("media/falls/subject1/adl/16.mp4", "models/yolox_nano.onnx")]
    public void Picking_a_phone_up_from_the_floor_while_seated_raises_nothing()
    {
        // subject1/adl.csv: "Picking the mobile phone from the ground while sitting on the chair": the box goes wide
        // and its top drops by a third of the seated height for about half a second, then comes back up.
        Assert.Empty(Run("subject1/adl/16.mp4"));
    }

    private static IReadOnlyList<EvaluatedEvent> Run(string clip)
    {
        var site = BehaviourRulesFile.Load(Path.Combine(RepositoryFiles.Root, "docs", "eval", "falls-rules.json"));
        using var detector = RealDetector.Create(RealDetector.PersonSettings(score: 0.1f));
        var result = BehaviourEvaluation.RunVideo(detector, AssetMirror.Require($"media/falls/{clip}"), site, fps: null);

        Assert.True(result.Frames > 50, $"{clip}: only {result.Frames} frames decoded");
        return result.Events;
    }
}
