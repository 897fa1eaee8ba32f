using Watchpost.Behaviours;
using Watchpost.Behaviours.Intrusion;
using static Watchpost.Tests.Behaviours.RuleHarness;

namespace Watchpost.Tests.Behaviours;

public class IntrusionRuleTests
{
    // A 100x100 square zone at (100,100)-(200,200); boxes are 20 wide and 40 tall, so the ground point is what At() takes.
    private static RuleHarness Rule(double duration = 0, double cooldown = 60, params string[] classes) =>
        new(new IntrusionRuleOptions { Id = "r", Zone = "lawn", DurationSeconds = duration, CooldownSeconds = cooldown, Classes = [.. classes.DefaultIfEmpty("person")] },
            [Square()]);

    private static List<BehaviourEvent> Starts(List<BehaviourEvent> events) => [.. events.Where(e => e.Phase == RulePhase.Started)];

    [Fact]
    public void Walking_into_the_zone_fires_once_with_the_zone_and_track()
    {
        var fired = Starts(Rule().Feed((0, [At(50, 150)]), (1, [At(150, 150)]), (2, [At(160, 150)]), (3, [At(170, 150)])));

        var single = Assert.Single(fired);
        Assert.Equal(("lawn", "r", "person", 1, TimeSpan.FromSeconds(1)), (single.Rule.ZoneId, single.Rule.RuleId, single.Signal.ClassName, single.Signal.TrackId, single.Timestamp));
        Assert.Equal("intrusion", single.Rule.Type);
        Assert.Equal(32, single.EventId.Length);
    }

    [Theory]
    [InlineData(2, 1.5, 0)]   // left before the duration
    [InlineData(2, 2.0, 1)]   // stayed exactly the duration
    [InlineData(0, 0.0, 1)]   // no duration: fires on entry
    public void Duration_is_measured_in_stream_time(double duration, double stay, int expected)
    {
        var fired = Starts(Rule(duration).Feed((10, [At(150, 150)]), (10 + stay, [At(150, 150)]), (10 + stay + 0.1, [At(300, 300)])));

        Assert.Equal(expected, fired.Count);
    }

    [Fact]
    public void The_duration_running_out_while_the_person_is_just_outside_does_not_fire()
    {
        // Inside 0..1.8 s, outside from 1.9 s: at 2.1 s the stay is still open (exit grace) but nobody is in the zone.
        var fired = Starts(Rule(2).Feed((0, [At(150, 150)]), (1.8, [At(150, 150)]), (1.9, [At(150, 250)]), (2.1, [At(150, 250)]), (3.5, [At(150, 250)])));

        Assert.Empty(fired);
    }

    [Fact]
    public void Tentative_tracks_other_classes_and_ground_points_outside_do_not_fire()
    {
        var fired = Rule().Feed((0, [At(150, 150, confirmed: false), At(150, 150, id: 2, classId: 2), At(150, 250, id: 3)]));

        Assert.Empty(fired);
    }

    [Fact]
    public void Box_overlapping_the_zone_with_its_feet_outside_does_not_fire()
    {
        // The box spans y 170..210: its top is inside the zone, its ground point (y = 210) is not.
        var fired = Rule().Feed((0, [At(150, 210)]));

        Assert.Empty(fired);
    }

    [Fact]
    public void The_event_ends_when_the_person_has_left_and_keeps_its_id()
    {
        var events = Rule(duration: 1).Feed(
            (0, [At(150, 150)]), (1, [At(150, 150)]), (2, [At(160, 150)]), (2.5, [At(300, 300)]), (2.8, [At(300, 300)]), (3.2, [At(300, 300)]));

        Assert.Equal([RulePhase.Started, RulePhase.Ended], events.Select(e => e.Phase));
        Assert.Equal(events[0].EventId, events[1].EventId);
        Assert.Equal(3.2, events[1].Timestamp.TotalSeconds, 3);   // the first frame a second after it was last inside
        Assert.Equal(2.0, (double)events[1].Signal.Details["duration_s"], 3);   // entered at 0, last inside at 2
    }

    [Fact]
    public void Flickering_at_the_edge_is_one_stay_and_one_event()
    {
        // In, out for 0.4 s (under the exit grace), in again, out for good.
        var events = Rule(cooldown: 0).Feed(
            (0, [At(150, 150)]), (0.4, [At(150, 205)]), (0.8, [At(150, 195)]), (1.2, [At(150, 205)]), (1.6, [At(150, 195)]),
            (2.0, [At(150, 260)]), (3.5, [At(150, 260)]));

        Assert.Equal([RulePhase.Started, RulePhase.Ended], events.Select(e => e.Phase));
    }

    [Fact]
    public void Re_entry_fires_again_only_after_the_cooldown()
    {
        var fired = Starts(Rule(cooldown: 10).Feed(
            (0, [At(150, 150)]), (1.5, [At(300, 300)]), (3, [At(150, 150)]),     // back in after 3 s: still cooling down
            (12, [At(300, 300)]), (13.5, [At(300, 300)]), (14, [At(150, 150)])));  // back in after 14 s: fires

        Assert.Equal([0d, 14d], fired.Select(e => e.Timestamp.TotalSeconds));
    }

    [Fact]
    public void A_predicted_box_drifting_out_does_not_end_the_visit()
    {
        var fired = Rule().Feed((0, [At(150, 150)]), (1, [At(300, 300, matched: false)]), (2, [At(150, 150)]));

        Assert.Single(fired);
    }

    [Fact]
    public void Two_people_in_the_zone_are_two_events_with_their_own_ids()
    {
        var fired = Rule().Feed((0, [At(150, 150, id: 1), At(120, 120, id: 2)]));

        Assert.Equal([1, 2], fired.Select(e => e.Signal.TrackId ?? 0).Order());
        Assert.NotEqual(fired[0].EventId, fired[1].EventId);
    }

    [Fact]
    public void Closing_the_camera_ends_open_events()
    {
        var harness = Rule();
        var started = Assert.Single(harness.Feed((0, [At(150, 150)])));

        var ended = Assert.Single(harness.Close(5));
        Assert.Equal((started.EventId, RulePhase.Ended), (ended.EventId, ended.Phase));
    }
}
