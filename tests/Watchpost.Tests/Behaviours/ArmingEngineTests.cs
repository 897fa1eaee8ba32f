using Microsoft.Extensions.Time.Testing;
using Watchpost.Behaviours;
using Watchpost.Behaviours.Intrusion;
using Watchpost.Configuration;
using Watchpost.Tests.Support;
using static Watchpost.Tests.Behaviours.RuleHarness;

namespace Watchpost.Tests.Behaviours;

/// <summary>Operator arming and schedules as the camera engine applies them around a real rule.</summary>
public sealed class ArmingEngineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static IntrusionRuleOptions Intrusion(params ScheduleWindowOptions[] schedule) =>
        new() { Id = "r", Zone = "lawn", CooldownSeconds = 0, Schedule = [.. schedule] };

    private static List<BehaviourEvent> Starts(List<BehaviourEvent> events) => [.. events.Where(e => e.Phase == RulePhase.Started)];

    /// <summary>The same site as the harness builds, with its storage in the test's folder.</summary>
    private ArmingService Arming(RuleOptions rule) => new(
        new WatchpostOptions
        {
            Storage = new StorageOptions { Path = _folder.Path },
            Cameras = [new CameraOptions { Id = Camera, Url = "/dev/null" }],
            Zones = [Square()],
            Rules = [rule],
        },
        new FakeTimeProvider(),
        new RecordingLog().For<ArmingService>());

    [Fact]
    public void A_disarmed_rule_raises_nothing_and_raises_again_once_armed()
    {
        var rule = Intrusion();
        using var arming = Arming(rule);
        var harness = new RuleHarness(rule, [Square()], arming: arming);
        arming.Disarm(ArmingTarget.Zone("lawn"), "alice", "gardeners");

        var fired = new List<BehaviourEvent>();
        harness.Step(0, [At(150, 150, id: 1)], fired);
        harness.Step(1, [At(150, 150, id: 1)], fired);
        Assert.Empty(fired);

        arming.Arm(ArmingTarget.Everything, "bob", "");
        harness.Step(2, [At(150, 150, id: 1)], fired);               // the stay that began disarmed stays silent ...
        harness.Step(3, [At(150, 150, id: 1), At(160, 160, id: 2)], fired);   // ... a new one fires

        var single = Assert.Single(Starts(fired));
        Assert.Equal(2, single.Signal.TrackId);
    }

    [Fact]
    public void A_rule_raises_nothing_outside_its_schedule()
    {
        var night = new ScheduleWindowOptions { Days = "mon-fri", From = "22:00", To = "06:00" };
        var frames = new (double, Watchpost.Tracking.Track[])[] { (0, [At(50, 150)]), (1, [At(150, 150)]), (2, [At(150, 150)]) };

        // Tuesday 2026-12-01 12:00 UTC (the harness's default) is outside; 23:00 is inside; Saturday 23:00 is not mon-fri's.
        var noon = new RuleHarness(Intrusion(night), [Square()]);
        var evening = new RuleHarness(Intrusion(night), [Square()]) { WallClockAtZero = new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero) };
        var saturday = new RuleHarness(Intrusion(night), [Square()]) { WallClockAtZero = new DateTimeOffset(2026, 12, 5, 23, 0, 0, TimeSpan.Zero) };

        Assert.Empty(noon.Feed(frames));
        Assert.Single(Starts(evening.Feed(frames)));
        Assert.Empty(saturday.Feed(frames));
    }

    [Fact]
    public void The_schedule_is_read_in_the_site_time_zone()
    {
        var night = new ScheduleWindowOptions { Days = "daily", From = "22:00", To = "06:00" };
        var frames = new (double, Watchpost.Tracking.Track[])[] { (0, [At(50, 150)]), (1, [At(150, 150)]) };

        // 15:00 UTC is 23:00 in Shanghai: inside there, outside in UTC.
        var at = new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);
        Assert.Single(Starts(new RuleHarness(Intrusion(night), [Square()], timeZone: "Asia/Shanghai") { WallClockAtZero = at }.Feed(frames)));
        Assert.Empty(new RuleHarness(Intrusion(night), [Square()]) { WallClockAtZero = at }.Feed(frames));
    }

    public void Dispose() => _folder.Dispose();
}
