using Watchpost.Behaviours;
using Watchpost.Behaviours.LeftObject;
using Watchpost.Configuration;
using Watchpost.Tracking;
using static Watchpost.Tests.Behaviours.ObjectScenes;
using static Watchpost.Tests.Behaviours.RuleHarness;

namespace Watchpost.Tests.Behaviours;

public class LeftObjectRuleTests
{
    private static RuleHarness Rule(double duration = 3, string? zone = null) =>
        new(new LeftObjectRuleOptions { Id = "r", Camera = Camera, DurationSeconds = duration, Zone = zone, CooldownSeconds = 0 },
            [Square("lawn", 150, 150, 100), Square("far", 400, 400, 100)], detectorClasses: DetectorClasses);

    private static IEnumerable<Track> Bag(float x, float y, int id = 10) => [Object("backpack", x, y, id)];

    public static TheoryData<string, (double, Track[])[], int> Cases() => new()
    {
        { "set down and walked away from", Frames(12, t => SetDown(t)), 1 },
        { "the owner stays beside it", Frames(12, t => SetDown(t, walkOffAt: 100)), 0 },
        { "the owner is back before the duration", Frames(12, t => SetDown(t, backAt: 5)), 0 },
        { "left for less than the duration", Frames(6.5, t => SetDown(t)), 0 },
        { "carried all the time", Frames(12, t => [At((float)(100 + 30 * t), 200, 1), Object("handbag", (float)(95 + 30 * t), 185, 10)]), 0 },
        { "a bag with nobody near all along (unattended)", Frames(6, _ => Bag(200, 200)), 1 },
        { "a bag with a person standing by all along", Frames(12, _ => [At(230, 200, 1), .. Bag(200, 200)]), 0 },
        { "re-detected under a new id in the same place", Frames(12, t => SetDown(t).Select(k => k.Id == 10 && t >= 5 ? k with { Id = 11 } : k)), 1 },
        { "detector misses every other frame", Frames(12, t => SetDown(t).Where(k => k.Id == 1 || (int)Math.Round(t * Fps) % 2 == 0)), 1 },
        { "a person is not an object", Frames(12, _ => [At(200, 200, 1)]), 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fires_when_a_still_object_is_left_by_its_owner(string scene, (double, Track[])[] clip, int expected)
    {
        var starts = Rule().Feed(clip).Count(e => e.Phase == RulePhase.Started);

        Assert.True(expected == starts, $"{scene}: {starts} starts");
    }

    [Fact]
    public void The_event_names_the_owner_and_the_distance_when_it_fires()
    {
        var started = Assert.Single(Rule().Feed(Frames(12, t => SetDown(t))), e => e.Phase == RulePhase.Started);

        Assert.Equal(("backpack", 10, 1L), (started.Signal.ClassName, started.Signal.TrackId, (long)started.Signal.Details["owner_track_id"]));
        Assert.Equal(6.9, started.Timestamp.TotalSeconds, 1);   // owner beyond 1.5 x 40 px from 3.9 s, then 3 s
        Assert.Equal(3.0, (double)started.Signal.Details["duration_s"], 1);
        Assert.InRange((double)started.Signal.Details["distance"], 240, 250);   // the owner walked on: 210 + 60 x 3.9 - 200 px
    }

    [Fact]
    public void Someone_standing_in_front_of_it_does_not_end_it_taking_it_does()
    {
        var harness = Rule();
        var events = harness.Feed(Frames(8, t => SetDown(t)));
        Assert.Equal([RulePhase.Started], events.Select(e => e.Phase));

        // 8-14 s: a passer-by stands on the bag and the detector loses it; 14-16 s: visible again; 16 s on: picked up and carried off.
        events = harness.Feed(Frames(14, _ => [At(200, 205, id: 2, height: 50)], from: 8.1));
        events.AddRange(harness.Feed(Frames(16, _ => Bag(200, 200), from: 14.1)));
        Assert.Empty(events);

        events = harness.Feed(Frames(22, t => [At((float)(200 + 50 * (t - 16)), 210, id: 3), .. Bag((float)(195 + 50 * (t - 16)), 200)], from: 16.1));
        var ended = Assert.Single(events);
        Assert.Equal(RulePhase.Ended, ended.Phase);
        Assert.InRange(ended.Timestamp.TotalSeconds, 16.1, 18);
    }

    [Fact]
    public void A_bag_that_vanishes_for_good_ends_after_the_grace()
    {
        var harness = Rule();
        harness.Feed(Frames(8, t => SetDown(t)));

        var ended = Assert.Single(harness.Feed(Frames(14, _ => [], from: 8.1)));

        Assert.Equal(RulePhase.Ended, ended.Phase);
        Assert.Equal(8 + LeftObjectRule.TakenGrace.TotalSeconds, ended.Timestamp.TotalSeconds, 1);
    }

    [Theory]
    [InlineData("lawn", 1)]
    [InlineData("far", 0)]
    public void Only_objects_in_the_zone_count(string zone, int expected) =>
        Assert.Equal(expected, Rule(zone: zone).Feed(Frames(12, t => SetDown(t))).Count(e => e.Phase == RulePhase.Started));

    public static TheoryData<string, Action<LeftObjectRuleOptions>, string[]?, string> BadOptions() => new()
    {
        { "the default detector has no bags", _ => { }, null, "classes: the detector does not report 'backpack': add it to detector.classes" },
        { "a person as the object", o => o.Classes = ["person"], DetectorClasses, "classes: 'person' cannot be a left_object object" },
        { "no person from the detector", _ => { }, ["backpack", "handbag", "suitcase"], "needs the detector to report 'person' (to find the owner of an object)" },
        { "a negative duration", o => o.DurationSeconds = -1, DetectorClasses, "durationSeconds" },
        { "an unknown class", o => o.Classes = ["rucksack"], DetectorClasses, "'rucksack' is not a COCO class name" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_options_are_rejected_naming_the_field(string what, Action<LeftObjectRuleOptions> spoil, string[]? detector, string expected)
    {
        var options = new LeftObjectRuleOptions { Id = "r", Camera = Camera };
        spoil(options);

        var error = Assert.Throws<InvalidConfigurationException>(() => new RuleHarness(options, detectorClasses: detector));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{what}: {error.Message}");
    }
}
