using System.Globalization;
using Watchpost.Behaviours;
using Watchpost.Behaviours.LineCrossing;
using Watchpost.Tracking;
using static Watchpost.Tests.Behaviours.RuleHarness;

namespace Watchpost.Tests.Behaviours;

public class LineCrossingRuleTests
{
    // A vertical line from (100,100) down to (100,200). Side a is where cross(to - from, p - from) > 0: x < 100
    // (the right-hand side walking from "from" to "to" on the screen). Boxes are 40 tall: the band is 3.2 px.
    private static RuleHarness Rule(string direction = "both", double cooldown = 0) =>
        new(new LineCrossingRuleOptions { Id = "r", Line = "gate", Direction = direction, CooldownSeconds = cooldown },
            lines: [Line("gate", 100, 100, 100, 200)]);

    /// <summary>"80 150; 120 150?": one ground point per frame, 0.2 s apart; "?" marks a predicted (unmatched) box.</summary>
    private static (double, Track[])[] Path(string path, int id = 1) =>
        [.. path.Split(';').Select((step, i) =>
        {
            var predicted = step.Contains('?');
            var xy = step.Replace("?", "").Trim().Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return (i * 0.2, new[] { At(xy[0], xy[1], id, matched: !predicted) });
        })];

    private static string Directions(IEnumerable<BehaviourEvent> events) =>
        string.Join(",", events.Where(e => e.Phase == RulePhase.Started).Select(e => (string)e.Signal.Details["direction"]));

    [Theory]
    [InlineData("80 150; 120 150", "both", "a_to_b")]
    [InlineData("120 150; 80 150", "both", "b_to_a")]
    [InlineData("80 150; 120 150", "a_to_b", "a_to_b")]
    [InlineData("80 150; 120 150", "b_to_a", "")]                  // the other direction only
    [InlineData("120 150; 80 150", "b_to_a", "b_to_a")]
    [InlineData("120 150; 80 150", "a_to_b", "")]
    [InlineData("80 90; 120 130", "both", "a_to_b")]               // diagonal, through the segment near its top end
    [InlineData("80 200; 120 200", "both", "a_to_b")]              // through the end point itself
    [InlineData("80 205; 120 205", "both", "")]                    // just beside the end: the line's extension, not the segment
    [InlineData("80 250; 120 250", "both", "")]                    // well beside the segment
    [InlineData("80 95; 120 95", "both", "")]                      // beside the other end
    [InlineData("80 150; 100 150; 120 150", "both", "a_to_b")]     // a stop exactly on the line
    [InlineData("80 150; 120 150; 80 150", "both", "a_to_b,b_to_a")]   // across and back (no cooldown)
    [InlineData("80 150; 85 150; 90 150", "both", "")]             // approaching without crossing
    [InlineData("80 250; 120 250; 120 150; 80 150", "both", "b_to_a")] // round the end, then back through the segment
    public void Crossings_follow_the_segment_and_the_direction(string path, string direction, string expected) =>
        Assert.Equal(expected, Directions(Rule(direction).Feed(Path(path))));

    [Theory]
    [InlineData("80 150; 98 150; 102 150; 98 150; 102 150; 98 150; 102 150; 130 150", "a_to_b")]   // wobbles on the line, then goes on: once
    [InlineData("80 150; 98 150; 102 150; 98 150; 102 150; 80 150", "")]                           // wobbles on the line and turns back
    [InlineData("80 150; 102 150; 101 160; 102 170; 98 175; 102 180; 120 180", "a_to_b")]          // walks along the line, in and out of it
    public void Jitter_on_the_line_does_not_fire_back_and_forth(string path, string expected) =>
        Assert.Equal(expected, Directions(Rule().Feed(Path(path))));

    [Theory]
    [InlineData("80 150; 120 150?; 80 150", "")]          // a prediction across the line is no crossing
    [InlineData("80 150; 120 150?; 130 150", "a_to_b")]   // the matched observations on either side are
    public void Only_matched_observations_count(string path, string expected) =>
        Assert.Equal(expected, Directions(Rule().Feed(Path(path))));

    [Fact]
    public void The_event_time_is_the_first_observation_on_the_new_side()
    {
        // At 0.2 s the feet are just past the line (inside the band); at 0.4 s clearly past it.
        var events = Rule().Feed(Path("80 150; 101 150; 120 150; 140 150"));

        Assert.Equal([RulePhase.Started, RulePhase.Ended], events.Select(e => e.Phase));
        Assert.Equal(events[0].EventId, events[1].EventId);
        Assert.Equal(0.2, events[0].Signal.StartedAt.TotalSeconds, 3);
        Assert.Equal(0.4, events[0].Timestamp.TotalSeconds, 3);
        Assert.Equal(("gate", 1, "person"), (events[0].Rule.LineId, events[0].Signal.TrackId, events[0].Signal.ClassName));
        Assert.Equal(105.0, (double)events[0].Signal.Details["speed_px_s"], 1);   // 21 px in 0.2 s
    }

    [Fact]
    public void Tentative_tracks_and_other_classes_do_not_fire()
    {
        var events = Rule().Feed(
            (0, [At(80, 150, id: 1, confirmed: false), At(80, 150, id: 2, classId: 2)]),
            (0.2, [At(120, 150, id: 1, confirmed: false), At(120, 150, id: 2, classId: 2)]));

        Assert.Empty(events);
    }

    [Fact]
    public void Two_people_crossing_together_are_two_events()
    {
        var events = Rule().Feed((0, [At(80, 150, id: 1), At(120, 160, id: 2)]), (0.2, [At(120, 150, id: 1), At(80, 160, id: 2)]));

        Assert.Equal(["a_to_b", "b_to_a"], events.Where(e => e.Phase == RulePhase.Started).OrderBy(e => e.Signal.TrackId).Select(e => (string)e.Signal.Details["direction"]));
    }

    [Fact]
    public void The_cooldown_holds_back_the_same_person_crossing_again()
    {
        // Across at 0.2 s, back at 1 s (within the 10 s cooldown), across again at 12 s.
        var events = Rule(cooldown: 10).Feed(
            (0, [At(80, 150)]), (0.2, [At(120, 150)]), (1, [At(80, 150)]), (11.8, [At(80, 150)]), (12, [At(120, 150)]));

        var started = events.Where(e => e.Phase == RulePhase.Started).ToList();
        Assert.Equal([0.2, 12], started.Select(e => Math.Round(e.Timestamp.TotalSeconds, 3)));
        Assert.Equal(4, events.Count);   // each passed start has its end, the held-back one has neither
    }

    [Fact]
    public void A_track_that_leaves_and_comes_back_under_its_id_is_a_new_history()
    {
        // Seen on side a, gone for 2 s (forgotten), then seen on side b: no crossing was observed.
        var events = Rule().Feed((0, [At(80, 150)]), (1, []), (2, []), (3, [At(120, 150)]), (3.2, [At(130, 150)]));

        Assert.Empty(events);
    }
}
