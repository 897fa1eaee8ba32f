using Watchpost.Behaviours;
using Watchpost.Behaviours.Fall;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Tracking;
using static Watchpost.Tests.Behaviours.RuleHarness;

namespace Watchpost.Tests.Behaviours;

public class FallRuleTests
{
    // A person standing at ground point (320, 400) is a 60x180 box; on the floor across the view a 180x50 box.
    private const float GroundX = 320;
    private const float GroundY = 400;

    private static RuleHarness Rule(double duration = 1.0, string? zone = null, IEnumerable<ZoneOptions>? zones = null) =>
        new(new FallRuleOptions { Id = "fall", Camera = Camera, DurationSeconds = duration, Zone = zone, CooldownSeconds = 0 }, zones);

    private static Track Box(float width, float height, int id = 1, bool matched = true, float groundX = GroundX, int classId = 0, bool confirmed = true) =>
        new(id, new BoundingBox(groundX - width / 2, GroundY - height, width, height), classId, 0.8f, confirmed, matched, 10, TimeSpan.Zero);

    /// <summary>Frames every 0.1 s from the first key to the last, the box size moving linearly between keys (ground point fixed).</summary>
    private static IEnumerable<(double Seconds, Track[] Tracks)> Moves(params (double T, float W, float H)[] keys)
    {
        for (var i = 0; i < keys.Length - 1; i++)
        {
            var (t0, w0, h0) = keys[i];
            var (t1, w1, h1) = keys[i + 1];
            var steps = (int)Math.Round((t1 - t0) * 10);
            for (var s = i == 0 ? 0 : 1; s <= steps; s++)
            {
                var f = steps == 0 ? 1f : (float)s / steps;
                yield return (Math.Round(t0 + (s / 10.0), 2), [Box(w0 + ((w1 - w0) * f), h0 + ((h1 - h0) * f))]);
            }
        }
    }

    private static List<BehaviourEvent> Starts(List<BehaviourEvent> events) => [.. events.Where(e => e.Phase == RulePhase.Started)];

    public static TheoryData<string, (double T, float W, float H)[], double?> Postures => new()
    {
        // name, key frames (time, box width, box height), when the person reached the floor (null: must not fire)
        { "fast fall sideways", [(0, 60, 180), (2, 60, 180), (2.5, 180, 50), (6, 180, 50)], 2.5 },
        { "fast fall along the view (short, narrow box)", [(0, 60, 180), (2, 60, 180), (2.6, 60, 70), (6, 60, 70)], 2.6 },
        { "slow lying down: sits, then lies back", [(0, 60, 180), (2, 60, 180), (3, 70, 125), (6, 70, 125), (8, 180, 50), (12, 180, 50)], null },
        { "sits down on a chair fast and stays", [(0, 60, 180), (2, 60, 180), (2.4, 75, 125), (8, 75, 125)], null },
        { "bends to the floor and straightens up", [(0, 60, 180), (2, 60, 180), (2.4, 120, 90), (2.8, 120, 90), (3.2, 60, 180), (6, 60, 180)], null },
        { "crouches (low but narrow, not lying)", [(0, 60, 180), (2, 60, 180), (2.5, 70, 100), (8, 70, 100)], null },
        { "stands still", [(0, 60, 180), (8, 60, 180)], null },
    };

    [Theory]
    [MemberData(nameof(Postures))]
    public void Fires_on_a_fast_fall_within_1_5_s_of_reaching_the_floor_and_not_on_everyday_postures(string name, (double T, float W, float H)[] keys, double? floorAt)
    {
        var fired = Starts(Rule().Feed([.. Moves(keys)]));

        if (floorAt is { } floor)
        {
            var single = Assert.Single(fired);
            Assert.InRange(single.Timestamp.TotalSeconds, floor, floor + 1.5);
            Assert.Equal(("fall", 1), (single.Rule.Type, single.Signal.TrackId));
        }
        else
        {
            Assert.True(fired.Count == 0, $"{name}: fired at {string.Join(", ", fired.Select(e => e.Timestamp))}");
        }
    }

    [Fact]
    public void The_event_carries_the_figures_of_the_fall()
    {
        var single = Assert.Single(Starts(Rule().Feed([.. Moves((0, 60, 180), (2, 60, 180), (2.5, 180, 50), (6, 180, 50))])));

        var details = single.Signal.Details;
        Assert.Equal(0.33, (double)details["aspect_before"], 2);
        Assert.True((double)details["aspect_after"] >= 1.0);
        Assert.InRange((double)details["drop_ratio"], 0.3, 1.0);
        Assert.InRange((double)details["fall_s"], 0.0, 1.0);
        Assert.Equal(1.0, (double)details["down_s"], 1);
        Assert.Equal("lying", details["state"]);
    }

    [Fact]
    public void Getting_up_ends_the_event_after_being_up_for_a_moment()
    {
        var events = Rule().Feed([.. Moves((0, 60, 180), (2, 60, 180), (2.5, 180, 50), (5, 180, 50), (5.5, 60, 180), (8, 60, 180))]);

        Assert.Equal([RulePhase.Started, RulePhase.Ended], events.Select(e => e.Phase));
        Assert.Equal(events[0].EventId, events[1].EventId);
        Assert.Equal("got_up", events[1].Signal.Details["ended_by"]);
        Assert.InRange(events[1].Timestamp.TotalSeconds, 5.5, 6.2);   // up (top back near standing) from about 5.4 s, held 0.5 s
    }

    [Fact]
    public void A_short_upright_flicker_while_down_does_not_end_the_event()
    {
        var frames = Moves((0, 60, 180), (2, 60, 180), (2.5, 180, 50), (6, 180, 50)).ToList();
        frames.Insert(frames.FindIndex(f => f.Seconds == 4.0), (4.05, [Box(60, 180)]));

        var events = Rule().Feed([.. frames]);

        Assert.Equal([RulePhase.Started], events.Select(e => e.Phase));
    }

    [Fact]
    public void A_person_lost_by_the_detector_on_the_way_down_counts_as_down()
    {
        // Standing, then 0.2 s of dropping (still a narrow box), then only the tracker's predictions.
        var frames = Moves((0, 60, 180), (2, 60, 180), (2.2, 80, 120)).ToList();
        frames.AddRange(Enumerable.Range(1, 20).Select(i => (2.2 + (i / 10.0), new[] { Box(80, 120, matched: false) })));

        var single = Assert.Single(Starts(Rule().Feed([.. frames])));

        Assert.InRange(single.Timestamp.TotalSeconds, 3.1, 3.35);
        Assert.Equal("out_of_sight", single.Signal.Details["state"]);
    }

    [Fact]
    public void A_walker_whose_upper_body_goes_behind_a_sign_and_who_is_then_lost_does_not_fire()
    {
        // vtest.avi: a narrow box whose top drops by a third (the sign hides the head and shoulders), then no detection.
        var frames = Moves((0, 60, 180), (2, 60, 180), (2.3, 45, 115)).ToList();
        frames.AddRange(Enumerable.Range(1, 20).Select(i => (2.3 + (i / 10.0), new[] { Box(45, 115, matched: false) })));

        Assert.Empty(Starts(Rule().Feed([.. frames])));
    }

    [Fact]
    public void A_person_who_walks_out_of_sight_upright_does_not_fire()
    {
        var frames = Moves((0, 60, 180), (2, 60, 180)).ToList();
        frames.AddRange(Enumerable.Range(1, 40).Select(i => (2.0 + (i / 10.0), new[] { Box(60, 180, matched: false) })));
        frames.Add((6.5, []));

        Assert.Empty(Rule().Feed([.. frames]));
    }

    [Fact]
    public void A_wide_box_under_a_new_track_id_where_the_upright_track_vanished_is_the_same_person_falling()
    {
        // Track 1 stands and vanishes at 2 s; 0.4 s later track 2 is confirmed lying at the same spot.
        var frames = Moves((0, 60, 180), (2, 60, 180)).ToList();
        frames.Add((2.1, []));
        frames.AddRange(Enumerable.Range(4, 30).Select(i => (i / 10.0 + 2.0, new[] { Box(180, 50, id: 2, groundX: GroundX + 40) })));

        var single = Assert.Single(Starts(Rule().Feed([.. frames])));

        Assert.Equal(2, single.Signal.TrackId);
        Assert.InRange(single.Timestamp.TotalSeconds, 3.4, 3.5);
    }

    [Theory]
    [InlineData(60f, 180f, 0f)]     // the same person found again upright: nothing happened
    [InlineData(30f, 80f, 0f)]      // a child (short, narrow) where the adult vanished: not measured against the adult
    [InlineData(180f, 50f, 400f)]   // someone lying far from where the upright track vanished: not that person's fall
    public void A_new_track_upright_at_the_spot_or_lying_elsewhere_does_not_fire(float width, float height, float offset)
    {
        var frames = Moves((0, 60, 180), (2, 60, 180)).ToList();
        frames.Add((2.1, []));
        frames.AddRange(Enumerable.Range(4, 30).Select(i => (i / 10.0 + 2.0, new[] { Box(width, height, id: 2, groundX: GroundX + offset) })));

        Assert.Empty(Rule().Feed([.. frames]));
    }

    [Fact]
    public void Walking_towards_the_camera_box_growing_and_top_moving_down_does_not_fire()
    {
        // The box doubles in 2 s and its top moves down 80 px: the taller box becomes the standing reference each time.
        var frames = Enumerable.Range(0, 31).Select(i =>
        {
            var h = 120f + (4f * i);
            return (i / 10.0, new[] { new Track(1, new BoundingBox(300, 100 + (2.7f * i), h / 3, h), 0, 0.8f, true, true, 10, TimeSpan.Zero) });
        });

        Assert.Empty(Rule().Feed([.. frames]));
    }

    [Theory]
    [InlineData(250f, 1)]   // the zone holds where the person lies
    [InlineData(20f, 0)]    // the zone is elsewhere
    public void With_a_zone_only_falls_whose_ground_point_is_inside_fire(float zoneX, int expected)
    {
        var zone = Square("floor", zoneX, 350, 140);
        var fired = Starts(Rule(zone: "floor", zones: [zone]).Feed([.. Moves((0, 60, 180), (2, 60, 180), (2.5, 180, 50), (6, 180, 50))]));

        Assert.Equal(expected, fired.Count);
        Assert.All(fired, e => Assert.Equal("floor", e.Signal.Details["zone"]));
    }

    [Fact]
    public void Tentative_tracks_and_other_classes_are_not_watched()
    {
        var frames = Moves((0, 60, 180), (2, 60, 180), (2.5, 180, 50), (6, 180, 50))
            .Select(f => (f.Seconds, new[] { f.Tracks[0] with { IsConfirmed = false }, f.Tracks[0] with { Id = 2, ClassId = 2 } }));

        Assert.Empty(Rule().Feed([.. frames]));
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.5)]
    public void The_duration_is_how_long_the_person_stays_down(double duration)
    {
        var single = Assert.Single(Starts(Rule(duration).Feed([.. Moves((0, 60, 180), (2, 60, 180), (2.5, 180, 50), (8, 180, 50))])));

        // First lying observation at 2.3 s (the box is already wide and its top has dropped by more than 0.3).
        Assert.Equal(2.3 + duration, single.Timestamp.TotalSeconds, 1);
    }

    [Theory]
    [InlineData(-1, null, "durationSeconds")]
    [InlineData(61, null, "durationSeconds")]
    [InlineData(1, "nowhere", "no zone has the id 'nowhere'")]
    public void Bad_parameters_are_rejected_at_load(double duration, string? zone, string expected)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => Rule(duration, zone));

        Assert.Contains(expected, error.Message);
        Assert.Contains("('fall')", error.Message);
    }
}
