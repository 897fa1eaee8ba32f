using OpenCvSharp;
using Watchpost.Behaviours;
using Watchpost.Behaviours.Fight;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Models;
using Watchpost.Tracking;
using static Watchpost.Tests.Behaviours.RuleHarness;

namespace Watchpost.Tests.Behaviours;

public class FightRuleTests
{
    private const int FrameWidth = 320;
    private const int FrameHeight = 240;
    private const double Fps = 25;

    // People are 40x80 boxes standing on y = 200; "close" ones touch, "far" ones are 200 px apart.
    private static Track Person(int id, float left) => new(id, new BoundingBox(left, 120, 40, 80), 0, 0.9f, true, true, 5, TimeSpan.Zero);

    /// <summary>Where the crafted frames change from one frame to the next.</summary>
    public enum Moving { Nowhere, InTheirBoxes, WholeFrame }

    public static TheoryData<string, int[], Moving, bool> Cases => new()
    {
        { "two people close, violent motion", [100, 140], Moving.InTheirBoxes, true },
        { "one person alone, moving", [100], Moving.InTheirBoxes, false },
        { "two people close, calm (talking)", [100, 140], Moving.Nowhere, false },
        { "two people close, the camera shakes", [100, 140], Moving.WholeFrame, false },
        { "two people far apart, each running", [20, 240], Moving.InTheirBoxes, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fires_only_for_people_together_moving_violently(string scene, int[] lefts, Moving moving, bool fires)
    {
        var tracks = lefts.Select((left, i) => Person(i + 1, left)).ToArray();

        var events = Run(Rule(), tracks, moving, seconds: 2);

        Assert.True(fires == events.Any(e => e.Phase == RulePhase.Started), scene);
    }

    [Fact]
    public void One_event_per_fight_with_the_group_box_and_figures_and_it_ends_when_they_calm_down()
    {
        var tracks = new[] { Person(1, 100), Person(2, 140) };
        var harness = Rule();
        using var builder = new MotionFieldBuilder();
        var events = new List<BehaviourEvent>();
        Feed(harness, builder, tracks, Moving.InTheirBoxes, 0, 2, events);
        Feed(harness, builder, tracks, Moving.Nowhere, 2, 2, events);

        Assert.Equal([RulePhase.Started, RulePhase.Ended], events.Select(e => e.Phase));
        var started = events[0].Signal;
        Assert.Null(started.TrackId);
        Assert.Equal(new BoundingBox(100, 120, 80, 80), started.Box);
        Assert.Equal(2L, started.Details["people"]);
        Assert.True((double)started.Details["motion_energy"] > FightRule.DefaultThreshold);
        Assert.Equal(1.0, events[0].Timestamp.TotalSeconds, 1);   // fires once the 1 s window is full
        Assert.True((double)events[1].Signal.Details["duration_s"] > 1);
    }

    public static TheoryData<string, float, bool> WeakCases => new()
    {
        { "two people seen only as weak boxes (0.4), fighting", 0.4f, true },
        { "two boxes under the weak-person score (0.2): clutter, not people", 0.2f, false },
    };

    [Theory]
    [MemberData(nameof(WeakCases))]
    public void People_the_tracker_has_not_confirmed_count_from_their_weak_detections(string scene, float score, bool fires)
    {
        DetectedObject[] detections = [Detection(100, score), Detection(140, score)];

        var signals = RunFrames(_ => ([], detections, [.. detections.Select(d => Rect(d.Box))]), seconds: 2);

        var started = signals.Where(s => s.Phase == RulePhase.Started).ToList();
        Assert.True(fires == (started.Count == 1), scene);
        if (fires)
        {
            Assert.Null(started[0].TrackId);   // no track to name
            Assert.Equal(2L, started[0].Details["people"]);
        }
    }

    [Fact]
    public void A_weak_box_over_a_tracked_person_is_that_person_again_not_an_opponent()
    {
        // One tracked person flailing alone, and the detector's weaker second box on the same person.
        Track[] tracks = [Person(1, 100)];
        DetectedObject[] detections = [Detection(102, 0.5f)];

        var signals = RunFrames(_ => (tracks, detections, [Rect(tracks[0].Box)]), seconds: 2);

        Assert.Empty(signals);
    }

    [Fact]
    public void Two_walkers_passing_close_do_not_fire()
    {
        // Side by side, walking right at one person height a second; what changes between frames is their legs.
        var signals = RunFrames(
            n =>
            {
                var shift = n * 80 / (float)Fps;
                Track[] walkers = [Person(1, 20 + shift), Person(2, 60 + shift)];
                return (walkers, [], [.. walkers.Select(w => Rect(w.Box with { Y = w.Box.Y + (w.Box.Height / 2), Height = w.Box.Height / 2 }))]);
            },
            seconds: 2);

        Assert.Empty(signals);
    }

    [Fact]
    public void People_outside_the_zone_do_not_count()
    {
        var zone = Square("ring", 0, 0, 60);   // top-left corner; the fighters stand at x 100-180
        var harness = new RuleHarness(new FightRuleOptions { Id = "f", Zone = "ring" }, [zone]);

        var events = Run(harness, [Person(1, 100), Person(2, 140)], Moving.InTheirBoxes, seconds: 2);

        Assert.Empty(events);
    }

    [Theory]
    [InlineData(0.0, 4)]
    [InlineData(0.5, 1)]
    [InlineData(0.75, 0.5)]
    [InlineData(1.0, 0.25)]
    public void Sensitivity_scales_the_threshold_by_powers_of_two(double sensitivity, double times)
    {
        Assert.Equal(FightRule.DefaultThreshold * times, FightRule.ThresholdFor(sensitivity), 9);
    }

    [Theory]
    [InlineData("{\"id\":\"f\",\"type\":\"fight\",\"camera\":\"cam\",\"sensitivity\":1.5}", "sensitivity")]
    [InlineData("{\"id\":\"f\",\"type\":\"fight\",\"camera\":\"cam\",\"durationSeconds\":0}", "durationSeconds")]
    [InlineData("{\"id\":\"f\",\"type\":\"fight\",\"camera\":\"cam\",\"zone\":\"nowhere\"}", "nowhere")]
    [InlineData("{\"id\":\"f\",\"type\":\"fight\",\"camera\":\"cam\",\"dwellSeconds\":3}", "dwellSeconds")]
    public void Bad_parameters_are_rejected_at_load_with_the_field(string rule, string field)
    {
        using var folder = new Support.TempFolder();
        var path = Path.Combine(folder.Path, "site.json");
        File.WriteAllText(path, $$"""{"cameras":[{"id":"cam","url":"/dev/null"}],"rules":[{{rule}}]}""");

        var error = Assert.Throws<InvalidConfigurationException>(() => WatchpostOptionsLoader.Load(path));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_steady_fight_allocates_nothing_per_frame()
    {
        var rule = new FightRule(new FightRuleOptions { Id = "f", Camera = Camera }, new RuleContext(new WatchpostOptions(), CocoLabels.All));
        Track[] tracks = [Person(1, 100), Person(2, 140)];
        DetectedObject[] detections = [Detection(101, 0.8f), Detection(220, 0.4f), Detection(10, 0.2f)];   // the same, a weak one, clutter
        using var builder = new MotionFieldBuilder();
        using var frame = new Mat(FrameHeight, FrameWidth, MatType.CV_8UC3, new Scalar(128, 128, 128));
        builder.Update(frame, TimeSpan.Zero);
        Checkerboard(frame, new Rect(100, 120, 80, 80), phase: true);
        var motion = builder.Update(frame, TimeSpan.FromSeconds(1 / Fps));   // the same field every frame: a steady fight
        var signals = new List<RuleSignal>(4);
        for (var n = 1; n <= 500; n++)
        {
            rule.Evaluate(new RuleFrame(TimeSpan.FromSeconds(n / Fps), tracks, motion, detections), signals);
        }

        // Any allocation per frame would be 24 bytes or more: 12 KB in every round of 500 frames. The runtime's own
        // one-off allocations (tiered compilation) can fall into a round, so the quietest of five rounds is judged.
        var quietest = long.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var n = 0; n < 500; n++)
            {
                rule.Evaluate(new RuleFrame(TimeSpan.FromSeconds((501 + (round * 500) + n) / Fps), tracks, motion, detections), signals);
            }

            quietest = Math.Min(quietest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(RulePhase.Started, Assert.Single(signals).Phase);
        Assert.InRange(quietest, 0, 1000);
    }

    private static RuleHarness Rule() => new(new FightRuleOptions { Id = "f", Camera = Camera });

    private static DetectedObject Detection(float left, float score) => new(new BoundingBox(left, 120, 40, 80), 0, score);

    private static Rect Rect(BoundingBox box) => new((int)box.X, (int)box.Y, (int)box.Width, (int)box.Height);

    /// <summary>
    /// Feeds the rule itself (the harness passes no detections) frame n's tracks, raw detections and the areas
    /// that flip between frames.
    /// </summary>
    private static List<RuleSignal> RunFrames(Func<int, (Track[] Tracks, DetectedObject[] Detections, Rect[] Moving)> scene, double seconds)
    {
        var rule = new FightRule(new FightRuleOptions { Id = "f", Camera = Camera }, new RuleContext(new WatchpostOptions(), CocoLabels.All));
        using var builder = new MotionFieldBuilder();
        using var frame = new Mat(FrameHeight, FrameWidth, MatType.CV_8UC3, new Scalar(128, 128, 128));
        var signals = new List<RuleSignal>();
        for (var n = 0; n < seconds * Fps; n++)
        {
            var t = TimeSpan.FromSeconds(n / Fps);
            var (tracks, detections, moving) = scene(n);
            frame.SetTo(new Scalar(128, 128, 128));
            foreach (var area in moving)
            {
                Checkerboard(frame, area, n % 2 == 0);
            }

            rule.Evaluate(new RuleFrame(t, tracks, builder.Update(frame, t), detections), signals);
        }

        return signals;
    }

    private static List<BehaviourEvent> Run(RuleHarness harness, Track[] tracks, Moving moving, double seconds)
    {
        using var builder = new MotionFieldBuilder();
        var events = new List<BehaviourEvent>();
        Feed(harness, builder, tracks, moving, 0, seconds, events);
        return events;
    }

    /// <summary>Feeds crafted frames: grey background, and a checkerboard that flips every frame wherever things move.</summary>
    private static void Feed(RuleHarness harness, MotionFieldBuilder builder, Track[] tracks, Moving moving, double from, double seconds, List<BehaviourEvent> into)
    {
        using var frame = new Mat(FrameHeight, FrameWidth, MatType.CV_8UC3, new Scalar(128, 128, 128));
        for (var n = 0; n < seconds * Fps; n++)
        {
            var t = from + n / Fps;
            var frameNumber = (int)Math.Round(t * Fps);
            frame.SetTo(new Scalar(128, 128, 128));
            foreach (var area in Areas(tracks, moving))
            {
                Checkerboard(frame, area, frameNumber % 2 == 0);
            }

            var motion = builder.Update(frame, TimeSpan.FromSeconds(t));
            harness.Step(t, tracks, into, motion);
        }
    }

    private static IEnumerable<Rect> Areas(Track[] tracks, Moving moving) => moving switch
    {
        Moving.InTheirBoxes => tracks.Select(t => new Rect((int)t.Box.X, (int)t.Box.Y, (int)t.Box.Width, (int)t.Box.Height)),
        Moving.WholeFrame => [new Rect(0, 0, FrameWidth, FrameHeight)],
        _ => [],
    };

    /// <summary>8-pixel squares (4 cells of the motion grid) that swap black and white between frames.</summary>
    private static void Checkerboard(Mat frame, Rect area, bool phase)
    {
        for (var y = area.Top; y < area.Bottom; y += 8)
        {
            for (var x = area.Left; x < area.Right; x += 8)
            {
                var white = ((x / 8 + y / 8) % 2 == 0) == phase;
                frame.Rectangle(new Rect(x, y, Math.Min(8, area.Right - x), Math.Min(8, area.Bottom - y)), white ? Scalar.White : Scalar.Black, -1);
            }
        }
    }
}
