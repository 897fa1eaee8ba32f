using Watchpost.Behaviours;
using Watchpost.Behaviours.Gathering;
using Watchpost.Tracking;
using static Watchpost.Tests.Behaviours.RuleHarness;

namespace Watchpost.Tests.Behaviours;

public class GatheringRuleTests
{
    private static RuleHarness Rule(int count = 3, double duration = 2, double cooldown = 0) =>
        new(new GatheringRuleOptions { Id = "r", Zone = "lawn", Count = count, DurationSeconds = duration, CooldownSeconds = cooldown }, [Square()]);

    /// <summary>
    /// One frame every 0.2 s for <paramref name="seconds"/>: person i (1-based) is inside the zone while
    /// <paramref name="present"/>(i, t) says so (at its own spot), otherwise absent from the tracker's list.
    /// </summary>
    private static (double, Track[])[] Scene(double seconds, int people, Func<int, double, bool> present) =>
        [.. Enumerable.Range(0, (int)Math.Round(seconds / 0.2) + 1).Select(i =>
        {
            var t = Math.Round(i * 0.2, 3);
            return (t, Enumerable.Range(1, people).Where(p => present(p, t)).Select(p => At(110 + (p * 15), 130 + (p * 10), id: p)).ToArray());
        })];

    private static double[] Starts(List<BehaviourEvent> events) =>
        [.. events.Where(e => e.Phase == RulePhase.Started).Select(e => Math.Round(e.Timestamp.TotalSeconds, 3))];

    public static TheoryData<string, int, Func<int, double, bool>, double[]> Cases => new()
    {
        { "three together for 4 s", 3, (_, t) => t < 4, [2.0] },
        { "only two of three needed", 2, (p, t) => p <= 2 && t < 4, [] },
        { "the third arrives at 1 s: timed from then", 3, (p, t) => p < 3 || t >= 1, [3.0] },
        { "together for 1.8 s only", 3, (_, t) => t < 1.8, [] },
        { "one member gone for 1.6 s: the timer restarts", 3, (p, t) => p != 3 || t < 1 || t >= 2.6, [4.6] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_gathering_needs_the_count_for_the_duration(string scene, int people, Func<int, double, bool> present, double[] expected)
    {
        Assert.NotEmpty(scene);
        Assert.Equal(expected, Starts(Rule().Feed(Scene(8, Math.Max(people, 3), (p, t) => p <= people && present(p, t)))));
    }

    [Fact]
    public void One_episode_with_updates_and_an_end_sharing_its_id()
    {
        // Three from 0 s, a fourth from 3 s to 5 s, everyone leaves at 7 s.
        var events = Rule().Feed(Scene(10, 4, (p, t) => t < 7 && (p < 4 || (t >= 3 && t < 5))));

        Assert.Equal(RulePhase.Started, events[0].Phase);
        Assert.Equal(RulePhase.Ended, events[^1].Phase);
        Assert.All(events, e => Assert.Equal(events[0].EventId, e.EventId));
        Assert.All(events, e => Assert.Null(e.Signal.TrackId));
        var counts = events.Where(e => e.Phase == RulePhase.Updated).Select(e => ((long)e.Signal.Details["count"], (long)e.Signal.Details["max_count"]));
        Assert.Equal([(4L, 4L), (3L, 4L), (0L, 4L)], counts);   // the fourth arrives, leaves; at 7 s everybody is gone
        Assert.Equal(8.8, events[^1].Timestamp.TotalSeconds, 3);   // three last seen together at 6.8 s, plus the 2 s grace
        Assert.Equal(6.8, (double)events[^1].Signal.Details["duration_s"], 3);   // from 0 s to the last frame with enough people
        Assert.Equal("person", events[0].Signal.ClassName);
    }

    [Fact]
    public void A_member_lost_for_a_moment_keeps_the_episode()
    {
        // Person 3 disappears from 3 s to 4.5 s (occluded): the count drops to 2, under the 2 s grace.
        var events = Rule().Feed(Scene(10, 3, (p, t) => t < 7 && (p != 3 || t < 3 || t >= 4.5)));

        Assert.Single(events, e => e.Phase == RulePhase.Started);
        Assert.Single(events, e => e.Phase == RulePhase.Ended);
        Assert.Contains(events, e => e.Phase == RulePhase.Updated && (long)e.Signal.Details["count"] == 2);
    }

    [Fact]
    public void A_group_that_disperses_and_regroups_is_a_second_episode()
    {
        var events = Rule(cooldown: 0).Feed(Scene(16, 3, (_, t) => t < 4 || t >= 8));

        var starts = events.Where(e => e.Phase == RulePhase.Started).ToList();
        Assert.Equal([2.0, 10.0], starts.Select(e => Math.Round(e.Timestamp.TotalSeconds, 3)));
        Assert.NotEqual(starts[0].EventId, starts[1].EventId);
        Assert.NotEqual(starts[0].Signal.Key, starts[1].Signal.Key);
    }

    [Fact]
    public void The_box_is_around_the_whole_group()
    {
        var events = Rule(count: 2, duration: 0).Feed((0, [At(110, 130, id: 1), At(190, 190, id: 2)]));

        var box = Assert.Single(events).Signal.Box;
        Assert.Equal((100f, 90f, 200f, 190f), (box.X, box.Y, box.Right, box.Bottom));   // 20x40 boxes with feet at the two points
    }

    [Fact]
    public void Two_tracks_of_one_person_do_not_make_a_group()
    {
        // Person 1 is lost at 1 s (its prediction stays in the list) and comes back at once as track 9.
        var events = Rule(count: 2, duration: 1).Feed(Scene(4, 1, (_, _) => true)
            .Select(f => f.Item1 < 1 ? f : (f.Item1, new[] { At(125, 140, id: 1, matched: false), At(125, 140, id: 9) })).ToArray());

        Assert.Empty(events);
    }

    [Fact]
    public void The_cooldown_applies_to_the_rule_as_a_whole()
    {
        var events = Rule(cooldown: 60).Feed(Scene(16, 3, (_, t) => t < 4 || t >= 8));

        Assert.Equal([2.0], Starts(events));
    }
}
