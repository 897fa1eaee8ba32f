using Microsoft.Extensions.Configuration;
using Watchpost.Behaviours;
using Watchpost.Behaviours.ObjectRemoved;
using Watchpost.Configuration;
using Watchpost.Tracking;
using static Watchpost.Tests.Behaviours.ObjectScenes;
using static Watchpost.Tests.Behaviours.RuleHarness;

namespace Watchpost.Tests.Behaviours;

public class ObjectRemovedRuleTests
{
    // The yard is (100,100)-(300,300); the bag stands at ground point (200, 200).
    private static RuleHarness Rule(double duration = 3, double present = 10) =>
        new(new ObjectRemovedRuleOptions { Id = "r", Zone = "yard", DurationSeconds = duration, PresentSeconds = present, CooldownSeconds = 0 },
            [Square("yard", 100, 100, 200)], detectorClasses: DetectorClasses);

    private static Track Bag(int id = 10, float x = 200) => Object("suitcase", x, 200, id, width: 20, height: 30);

    /// <summary>A person standing on the bag's place: their box covers it.</summary>
    private static Track InFront(int id = 2) => At(200, 205, id, height: 60);

    public static TheoryData<string, (double, Track[])[], int> Cases() => new()
    {
        { "stood 15 s, then gone", Frames(20, t => t < 15 ? [Bag()] : []), 1 },
        { "stood only 6 s, then gone", Frames(20, t => t < 6 ? [Bag()] : []), 0 },
        { "hidden by a person standing in front from 15 s", Frames(20, t => t < 15 ? [Bag()] : [InFront()]), 0 },
        { "hidden for 5 s, then the place is seen empty", Frames(25, t => t < 15 ? [Bag()] : t < 20 ? [InFront()] : []), 1 },
        { "a new track id every 4 s in the same place", Frames(25, t => [Bag(10 + (int)(t / 4))]), 0 },
        { "missed 1 s in every 3", Frames(25, t => t % 3 < 2 ? [Bag()] : []), 0 },
        { "outside the zone", Frames(20, t => t < 15 ? [Bag(x: 400)] : []), 0 },
        { "a parked car drives off", Frames(20, t => [Object("car", (float)(t < 12 ? 200 : 200 + 100 * (t - 12)), 250, 5, width: 60, height: 40)]), 1 },
        { "people are not watched", Frames(20, t => t < 15 ? [At(200, 200)] : []), 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fires_when_a_standing_object_disappears(string scene, (double, Track[])[] clip, int expected)
    {
        var starts = Rule().Feed(clip).Count(e => e.Phase == RulePhase.Started);

        Assert.True(expected == starts, $"{scene}: {starts} starts");
    }

    [Fact]
    public void The_event_starts_when_it_went_missing_and_ends_when_it_is_back()
    {
        var events = Rule().Feed(Frames(30, t => t < 15 || t >= 25 ? [Bag(t < 15 ? 10 : 11)] : []));

        Assert.Equal([RulePhase.Started, RulePhase.Ended], events.Select(e => e.Phase));
        var (started, ended) = (events[0], events[1]);
        Assert.Equal((17.9, 14.9), (Math.Round(started.Timestamp.TotalSeconds, 1), Math.Round(started.Signal.StartedAt.TotalSeconds, 1)));
        Assert.Equal(("suitcase", 10), (started.Signal.ClassName, started.Signal.TrackId));
        Assert.Equal(3.0, (double)started.Signal.Details["duration_s"], 1);
        Assert.InRange((double)started.Signal.Details["present_s"], 13, 15);
        Assert.Equal(("yard", 26.5), ((string)started.Signal.Details["zone"], Math.Round(ended.Timestamp.TotalSeconds, 1)));   // back at 25 s, standing still 1.5 s later
    }

    [Fact]
    public void A_car_driving_over_the_empty_place_is_not_the_object_back()
    {
        var events = Rule().Feed(Frames(30, t => t < 15 ? [Bag()] : t is >= 20 and < 23 ? [Object("car", (float)(100 + 70 * (t - 20)), 210, 7, width: 60, height: 40)] : []));

        Assert.Equal([RulePhase.Started], events.Select(e => e.Phase));
    }

    [Fact]
    public void An_empty_place_is_forgotten_after_a_minute()
    {
        var events = Rule().Feed(Frames(80, t => t < 15 ? [Bag()] : []));

        Assert.Equal([RulePhase.Started, RulePhase.Ended], events.Select(e => e.Phase));
        Assert.Equal(17.9 + ObjectRemovedRule.ForgetAfter.TotalSeconds, events[1].Timestamp.TotalSeconds, 1);
    }

    public static TheoryData<string, Action<ObjectRemovedRuleOptions>, string> BadOptions() => new()
    {
        { "no zone", o => o.Zone = "", "zone: zone is required" },
        { "present for no time", o => o.PresentSeconds = 0, "presentSeconds" },
        { "a person as the object", o => o.Classes = ["person", "car"], "'person' cannot be a object_removed object" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_options_are_rejected_naming_the_field(string what, Action<ObjectRemovedRuleOptions> spoil, string expected)
    {
        var options = new ObjectRemovedRuleOptions { Id = "r", Zone = "yard" };
        spoil(options);

        var error = Assert.Throws<InvalidConfigurationException>(() => new RuleHarness(options, [Square("yard")], detectorClasses: DetectorClasses));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{what}: {error.Message}");
    }

    [Fact]
    public void The_object_rules_default_classes_hold_when_the_site_file_leaves_them_out_and_are_replaced_when_it_gives_them()
    {
        static WatchpostOptions Load(string rule) => WatchpostOptionsLoader.Bind(
            new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes($$"""
                {
                  "cameras": [ { "id": "cam", "url": "rtsp://a/b" } ],
                  "detector": { "classes": ["person", "backpack", "handbag", "suitcase", "bicycle", "motorcycle", "car"] },
                  "zones": [ { "id": "yard", "camera": "cam", "polygon": [[0,0],[100,0],[100,100]] } ],
                  "rules": [ {{rule}} ]
                }
                """))).Build(), "test");

        Assert.Equal(ObjectRemovedRuleOptions.DefaultClasses, Load("""{ "id": "r", "type": "object_removed", "zone": "yard" }""").Rules.Single().Classes);
        Assert.Equal(["car"], Load("""{ "id": "r", "type": "object_removed", "zone": "yard", "classes": ["car"] }""").Rules.Single().Classes);
        Assert.Equal(["car"], Load("""{ "id": "r", "type": "intrusion", "zone": "yard", "classes": ["car"] }""").Rules.Single().Classes);   // not ["person", "car"]
        Assert.Equal(Watchpost.Behaviours.LeftObject.LeftObjectRuleOptions.DefaultClasses, Load("""{ "id": "r", "type": "left_object", "camera": "cam" }""").Rules.Single().Classes);
    }
}
