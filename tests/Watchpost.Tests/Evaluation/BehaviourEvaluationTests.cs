using Watchpost.Configuration;
using Watchpost.Evaluation;
using Watchpost.Tests.Detection;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Evaluation;

public class BehaviourEvaluationTests
{
    private const string Walkway = "[[0, 185], [300, 180], [600, 130], [768, 100], [768, 480], [560, 400], [420, 320], [300, 280], [0, 235]]";

    private static string RulesFile(TempFolder folder, string rules, string zones = $$"""[ { "id": "walkway", "polygon": {{Walkway}} } ]""")
    {
        var path = folder.File("rules.json");
        File.WriteAllText(path, $$"""{ "zones": {{zones}}, "rules": {{rules}} }""");
        return path;
    }

    [Fact]
    public void A_rules_file_without_cameras_loads_with_the_video_as_the_camera()
    {
        using var folder = new TempFolder();
        var site = BehaviourRulesFile.Load(RulesFile(folder, """[ { "id": "in", "type": "intrusion", "zone": "walkway", "durationSeconds": 1 } ]"""));

        Assert.Equal(BehaviourRulesFile.CameraId, site.Zones.Single().Camera);
        Assert.Equal("in", site.Rules.Single().Id);
    }

    [Theory]
    [InlineData("""[ { "id": "in", "type": "intrusion", "zone": "lawn" } ]""", "rules[0] ('in').zone: no zone has the id 'lawn'")]
    [InlineData("""[ { "id": "in", "type": "intrusion", "zone": "walkway", "dwellSeconds": 3 } ]""", "rules[0] ('in').dwellSeconds: not a parameter of rule type 'intrusion' (it takes zone, durationSeconds")]
    public void A_bad_rules_file_is_refused_naming_the_rule_and_the_field(string rules, string expected)
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<InvalidConfigurationException>(() => BehaviourRulesFile.Load(RulesFile(folder, rules)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zone_outside_the_video_frame_is_refused_when_the_frame_size_is_known()
    {
        using var folder = new TempFolder();
        var site = BehaviourRulesFile.Load(RulesFile(folder, "[]", """[ { "id": "far", "polygon": [[0, 0], [900, 0], [900, 100]] } ]"""));

        var error = Assert.Throws<InvalidConfigurationException>(() => GeometryCheck.CameraFrame(site, BehaviourRulesFile.CameraId, 768, 576, "vtest.avi"));
        Assert.Contains("zone 'far': point 1 [900, 0] is outside the 768x576 frame", error.Message, StringComparison.Ordinal);
    }

    [GroundTruthFact]
    public void Ground_truth_trajectories_raise_the_intrusions_of_the_people_who_walk_into_the_zone()
    {
        using var folder = new TempFolder();
        var site = BehaviourRulesFile.Load(RulesFile(folder, """[ { "id": "in", "type": "intrusion", "zone": "walkway", "durationSeconds": 1, "cooldownSeconds": 0 } ]"""));
        var truth = MotChallengeFile.ReadGroundTruth(TestAssets.GroundTruth);

        var events = BehaviourEvaluation.RunGroundTruth(truth, 795, 7, site, "vtest.avi").Events;

        // Everybody in the sample walks along the walkway at some time: one event per true person at least.
        var people = truth.Select(b => b.Id).Distinct().Count();
        Assert.InRange(events.Count, people, 3 * people);
        Assert.All(events, e => Assert.Equal(Math.Round((e.Frame - 1) / 7.0, 3), e.StartS, 3));
        Assert.All(events, e => Assert.True(e.FiredS - e.StartS >= 1 - 1e-6, $"fired at {e.FiredS} s, {e.FiredS - e.StartS:F2} s after entering; the rule asks for 1 s"));
        Assert.All(events.Where(e => e.EndS is not null), e => Assert.True(e.EndS > e.StartS));
    }

    [GroundTruthFact]
    public void The_detector_and_tracker_on_real_frames_raise_the_intrusions_the_ground_truth_implies()
    {
        using var folder = new TempFolder();
        var site = BehaviourRulesFile.Load(RulesFile(folder, """[ { "id": "in", "type": "intrusion", "zone": "walkway", "durationSeconds": 1, "cooldownSeconds": 0 } ]"""));
        using var detector = RealDetector.Create(RealDetector.PersonSettings(0.1f));

        var raised = BehaviourEvaluation.RunVideo(detector, TestClip.Path, site, fps: 7);   // the first 100 frames, re-encoded
        var truth = BehaviourEvaluation.RunGroundTruth(MotChallengeFile.ReadGroundTruth(TestAssets.GroundTruth), raised.Frames, 7, site, raised.Video);

        var score = EventMatching.Score(truth.Events, raised.Events, [("in", "intrusion")], TimeSpan.FromSeconds(1)).Single();
        Assert.Equal(TestClip.Frames, raised.Frames);
        Assert.True(score.True >= 3, $"the first {TestClip.Frames} frames imply {score.True} intrusions");
        Assert.True(score.Recall >= 0.6 && score.Precision >= 0.6, $"precision {score.Precision}, recall {score.Recall} on the first {TestClip.Frames} frames");
    }
}
