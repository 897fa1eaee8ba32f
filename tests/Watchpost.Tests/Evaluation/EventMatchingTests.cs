using Watchpost.Evaluation;

namespace Watchpost.Tests.Evaluation;

public class EventMatchingTests
{
    private static EvaluatedEvent E(string rule, double start, string? direction = null, string video = "v") =>
        new(video, rule, "line_crossing", start, (int)(start * 7) + 1, 1, direction, null, new Dictionary<string, object>());

    private static RuleScore Score(EvaluatedEvent[] truth, EvaluatedEvent[] raised, string rule = "r") =>
        EventMatching.Score(truth, raised, [(rule, "line_crossing")], TimeSpan.FromSeconds(1)).Single();

    [Fact]
    public void Starts_within_the_tolerance_match_and_further_ones_do_not()
    {
        var score = Score([E("r", 10), E("r", 20)], [E("r", 10.9), E("r", 21.5)]);

        Assert.Equal((2, 2, 1, 0.5, 0.5), (score.True, score.Raised, score.Matched, score.Precision!.Value, score.Recall!.Value));
    }

    [Fact]
    public void A_crossing_in_the_other_direction_does_not_match()
    {
        var score = Score([E("r", 10, "a_to_b")], [E("r", 10, "b_to_a")]);

        Assert.Equal(0, score.Matched);
    }

    [Fact]
    public void Each_true_event_is_matched_once_closest_first()
    {
        // Two raised events near one true event: one is a match, the other a false alarm.
        var score = Score([E("r", 10), E("r", 12)], [E("r", 10.2), E("r", 10.4)]);

        Assert.Equal((1, 0.5, 0.5), (score.Matched, score.Precision!.Value, score.Recall!.Value));
    }

    [Fact]
    public void Other_rules_and_videos_do_not_count_and_nothing_raised_has_no_precision()
    {
        var score = Score([E("r", 10)], [E("other", 10), E("r", 10, video: "w")]);

        Assert.Equal((1, 1, 0, 0.0), (score.True, score.Raised, score.Matched, score.Recall!.Value));
        Assert.Null(Score([], []).Precision);
        Assert.Null(Score([], []).Recall);
    }
}
