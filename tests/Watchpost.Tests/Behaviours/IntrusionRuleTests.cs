using Watchpost.Behaviours;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Tracking;

namespace Watchpost.Tests.Behaviours;

public class IntrusionRuleTests
{
    // A 100x100 square zone at (100,100)-(200,200); boxes are 20 wide and 40 tall, so the ground point is (x+10, y+40).
    private static readonly ZoneOptions Zone = new() { Id = "lawn", Camera = "cam", Polygon = [[100, 100], [200, 100], [200, 200], [100, 200]] };

    private static IntrusionRule Rule(double duration = 0, double cooldown = 60, params string[] classes) =>
        new(new RuleOptions { Id = "r", Zone = "lawn", DurationSeconds = duration, CooldownSeconds = cooldown, Classes = [.. classes.DefaultIfEmpty("person")] },
            Zone, CocoLabels.All);

    private static Track At(float groundX, float groundY, int id = 1, int classId = 0, bool confirmed = true, bool matched = true) =>
        new(id, new BoundingBox(groundX - 10, groundY - 40, 20, 40), classId, 0.9f, confirmed, matched, 5, TimeSpan.Zero);

    private static List<BehaviourEvent> Feed(IntrusionRule rule, params (double Seconds, Track[] Tracks)[] frames)
    {
        var fired = new List<BehaviourEvent>();
        foreach (var (seconds, tracks) in frames)
        {
            rule.Evaluate(TimeSpan.FromSeconds(seconds), tracks, fired);
        }

        return fired;
    }

    [Fact]
    public void Walking_into_the_zone_fires_once_with_the_zone_and_track()
    {
        var fired = Feed(Rule(), (0, [At(50, 150)]), (1, [At(150, 150)]), (2, [At(160, 150)]), (3, [At(170, 150)]));

        var single = Assert.Single(fired);
        Assert.Equal(("lawn", "r", "person", 1, TimeSpan.FromSeconds(1)), (single.ZoneId, single.RuleId, single.ClassName, single.Track.Id, single.Timestamp));
    }

    [Theory]
    [InlineData(2, 1.5, 0)]   // left before the duration
    [InlineData(2, 2.0, 1)]   // stayed exactly the duration
    [InlineData(0, 0.0, 1)]   // no duration: fires on entry
    public void Duration_is_measured_in_stream_time(double duration, double stay, int expected)
    {
        var fired = Feed(Rule(duration), (10, [At(150, 150)]), (10 + stay, [At(150, 150)]), (10 + stay + 0.1, [At(300, 300)]));

        Assert.Equal(expected, fired.Count);
    }

    [Fact]
    public void Tentative_tracks_other_classes_and_ground_points_outside_do_not_fire()
    {
        var fired = Feed(Rule(), (0, [At(150, 150, confirmed: false), At(150, 150, id: 2, classId: 2), At(150, 250, id: 3)]));

        Assert.Empty(fired);
    }

    [Fact]
    public void Box_overlapping_the_zone_with_its_feet_outside_does_not_fire()
    {
        // The box spans y 170..210: its top is inside the zone, its ground point (y = 210) is not.
        var fired = Feed(Rule(), (0, [At(150, 210)]));

        Assert.Empty(fired);
    }

    [Fact]
    public void Re_entry_fires_again_only_after_the_cooldown()
    {
        var rule = Rule(cooldown: 10);
        var fired = Feed(rule,
            (0, [At(150, 150)]), (1, [At(300, 300)]), (2, [At(150, 150)]),    // back in after 2 s: cooled down? no
            (12, [At(300, 300)]), (13, [At(150, 150)]));                      // back in after 13 s: yes

        Assert.Equal([0d, 13d], fired.Select(e => e.Timestamp.TotalSeconds));
    }

    [Fact]
    public void A_predicted_box_drifting_out_does_not_end_the_visit()
    {
        var fired = Feed(Rule(),
            (0, [At(150, 150)]), (1, [At(300, 300, matched: false)]), (2, [At(150, 150)]));

        Assert.Single(fired);
    }

    [Fact]
    public void Two_people_in_the_zone_are_two_events()
    {
        var fired = Feed(Rule(), (0, [At(150, 150, id: 1), At(120, 120, id: 2)]));

        Assert.Equal([1, 2], fired.Select(e => e.Track.Id).Order());
    }
}
