using Watchpost.Behaviours;
using Watchpost.Behaviours.Running;
using Watchpost.Configuration;
using Watchpost.Tracking;
using static Watchpost.Tests.Behaviours.RuleHarness;

namespace Watchpost.Tests.Behaviours;

public class RunningRuleTests
{
    private const double Fps = 10;

    private static RunningRuleOptions Px(double speed = 150, double duration = 1, string? zone = null) =>
        new() { Id = "r", Camera = Camera, SpeedPxPerSecond = speed, DurationSeconds = duration, Zone = zone, CooldownSeconds = 0 };

    // 20 px to the metre: the square (100,100)-(300,300) is 10 m x 10 m.
    private static GroundCalibrationOptions Square20() => new()
    {
        Image = [[100, 100], [300, 100], [300, 300], [100, 300]],
        Ground = [[0, 0], [10, 0], [10, 10], [0, 10]],
    };

    /// <summary>One person, seconds of 10 fps frames, the ground point given by <paramref name="path"/>(t) and the box height by <paramref name="height"/>(t).</summary>
    private static (double, Track[])[] Clip(double seconds, Func<double, (float X, float Y)> path, Func<double, float>? height = null, bool matched = true, int id = 1)
    {
        var frames = new List<(double, Track[])>();
        for (var i = 0; i <= seconds * Fps; i++)
        {
            var t = i / Fps;
            var (x, y) = path(t);
            frames.Add((t, [At(x, y, id, matched: matched, height: height?.Invoke(t) ?? 40)]));
        }

        return [.. frames];
    }

    private static (float, float) Along(double t, double speed, double startX = 20, float y = 200) => ((float)(startX + speed * t), y);

    public static TheoryData<string, (double, Track[])[], int> Cases()
    {
        var jitter = new Random(5);
        return new()
        {
            { "walking 50 px/s", Clip(6, t => Along(t, 50)), 0 },
            { "running 300 px/s for 3 s", Clip(3, t => Along(t, 300)), 1 },
            { "running 300 px/s for 1.2 s: the first 0.5 s has no speed yet", Clip(1.2, t => Along(t, 300)), 0 },
            { "running 300 px/s for 1.6 s", Clip(1.6, t => Along(t, 300)), 1 },
            { "standing with 4 px of jitter", Clip(6, _ => (200 + jitter.Next(-4, 5), 200 + jitter.Next(-4, 5))), 0 },
            { "bending: the box shrinks to half and back, feet still", Clip(6, _ => (200, 200), t => (float)(40 - 20 * Math.Abs(Math.Sin(t * 2)))), 0 },
            { "a tracker jump of 200 px, then standing", Clip(6, t => t < 3 ? (100, 200) : (300, 200)), 0 },
            { "walking close to the camera: 200 px/s on a 300 px person", Clip(6, t => Along(t, 200), _ => 300), 0 },
            { "predicted boxes sliding fast", Clip(6, t => Along(t, 300), matched: false), 0 },
            { "running, then walking, then running again", Clip(9, t => Along(t < 3 ? t * 300 : t < 6 ? 900 + (t - 3) * 40 : 1020 + (t - 6) * 300, 1, 0)), 2 },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fires_on_sustained_speed_only(string scene, (double, Track[])[] clip, int expected)
    {
        var events = new RuleHarness(Px()).Feed(clip);

        Assert.True(expected == events.Count(e => e.Phase == RulePhase.Started), $"{scene}: {events.Count(e => e.Phase == RulePhase.Started)} starts");
    }

    [Fact]
    public void Fires_after_window_plus_duration_reports_speed_and_ends_when_slow()
    {
        var harness = new RuleHarness(Px());
        var events = harness.Feed([.. Clip(3, t => Along(t, 300)), .. Clip(3, _ => Along(3, 300)).Select(f => (f.Item1 + 3.1, f.Item2))]);

        Assert.Equal([RulePhase.Started, RulePhase.Updated, RulePhase.Ended], events.Select(e => e.Phase));
        var started = events[0];
        Assert.Equal(1.5, started.Timestamp.TotalSeconds, 1);   // 0.5 s before the first speed, then 1 s above
        Assert.Equal(0.5, started.Signal.StartedAt.TotalSeconds, 1);
        Assert.Equal(300, (double)started.Signal.Details["speed_px_s"], 0);
        Assert.Equal(1.0, (double)started.Signal.Details["duration_s"], 1);
        Assert.Equal(started.EventId, events[2].EventId);
        Assert.InRange(events[2].Timestamp.TotalSeconds, 4.0, 4.8);   // slow from about 3.1 + 0.5, ended a second later
        Assert.Equal(2.7, (double)events[2].Signal.Details["duration_s"], 1);   // fast from 0.5 s to about 3.2 s
    }

    [Theory]
    [InlineData(4.0, 1)]   // 80 px/s on 20 px/m
    [InlineData(1.5, 0)]   // a brisk walk
    public void Speeds_in_metres_go_through_the_calibration(double metresPerSecond, int expected)
    {
        var rule = new RunningRuleOptions { Id = "r", Camera = Camera, SpeedMetersPerSecond = 2.5, Calibration = Square20(), CooldownSeconds = 0 };
        var events = new RuleHarness(rule).Feed(Clip(4, t => Along(t, metresPerSecond * 20, 110)));

        var starts = events.Where(e => e.Phase == RulePhase.Started).ToList();
        Assert.Equal(expected, starts.Count);
        if (expected == 1)
        {
            Assert.Equal(metresPerSecond, (double)starts[0].Signal.Details["speed_m_s"], 1);
            Assert.False(starts[0].Signal.Details.ContainsKey("speed_px_s"));
        }
    }

    [Fact]
    public void Only_the_zone_counts_when_one_is_given()
    {
        var harness = new RuleHarness(Px(zone: "lawn"), [Square("lawn", 0, 0, 100)]);   // the zone is y 0..100; the runner is at y 200

        Assert.Empty(harness.Feed(Clip(3, t => Along(t, 300))));
    }

    public static TheoryData<string, Action<RunningRuleOptions>, string> BadOptions() => new()
    {
        { "no speed", o => o.SpeedPxPerSecond = null, "speedPxPerSecond: give the speed threshold: exactly one of speedPxPerSecond and speedMetersPerSecond" },
        { "both speeds", o => o.SpeedMetersPerSecond = 3, "speedPxPerSecond and speedMetersPerSecond are both given" },
        { "metres without calibration", o => (o.SpeedPxPerSecond, o.SpeedMetersPerSecond) = (null, 3), "calibration: speedMetersPerSecond needs a calibration" },
        { "calibration with pixels", o => o.Calibration = Square20(), "calibration: a calibration is only used with speedMetersPerSecond" },
        { "three image points", o => (o.SpeedPxPerSecond, o.SpeedMetersPerSecond, o.Calibration) = (null, 3, new() { Image = [[0, 0], [1, 0], [1, 1]], Ground = Square20().Ground }), "calibration.image: needs exactly 4 points [x, y] in pixels, got 3" },
        { "ground points in a row", o => (o.SpeedPxPerSecond, o.SpeedMetersPerSecond, o.Calibration) = (null, 3, new() { Image = Square20().Image, Ground = [[0, 0], [5, 0], [10, 0], [0, 10]] }), "calibration.ground: points 0, 1 and 2 lie on one line" },
        { "a negative speed", o => o.SpeedPxPerSecond = -5, "speedPxPerSecond must be between 1 and 100000" },
        { "no camera and no zone", o => o.Camera = null, "camera: required" },
        { "an unknown zone", o => o.Zone = "moat", "zone: no zone has the id 'moat'" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_options_are_rejected_naming_the_field(string what, Action<RunningRuleOptions> spoil, string expected)
    {
        var options = Px();
        spoil(options);

        var error = Assert.Throws<InvalidConfigurationException>(() => new RuleHarness(options));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{what}: {error.Message}");
        Assert.Contains("rules[0] ('r')", error.Message);
    }

    [Fact]
    public void The_homography_maps_the_four_points_and_between_them()
    {
        var c = Square20();
        var h = GroundHomography.From(c.Image, c.Ground)!;

        Assert.Equal((10.0, 10.0), Round(h.Map(300, 300)));
        Assert.Equal((5.0, 2.5), Round(h.Map(200, 150)));
    }

    private static (double, double) Round((double X, double Y) p) => (Math.Round(p.X, 6), Math.Round(p.Y, 6));
}
