using Watchpost.Behaviours;
using Watchpost.Behaviours.Intrusion;
using Watchpost.Models;
using Watchpost.Tracking;
using static Watchpost.Tests.Behaviours.RuleHarness;

namespace Watchpost.Tests.Behaviours;

public class ZoneOccupancyTests
{
    private sealed class Disarmed : IRuleArming
    {
        public bool IsArmed(RuleIdentity rule) => false;
    }

    private static RuleHarness Harness(IRuleArming? arming = null) =>
        new(new IntrusionRuleOptions { Id = "r", Zone = "lawn" }, [Square(), Square("yard", x: 300, y: 100)], arming: arming);

    private static ZoneCount Zone(RuleHarness harness, string id) => harness.Occupancy.Snapshot().Single(z => z.ZoneId == id);

    [Fact]
    public void Counts_confirmed_tracks_by_zone_and_class_on_the_latest_frame()
    {
        var harness = Harness();
        harness.Feed((0, [At(150, 150, id: 1), At(160, 160, id: 2), At(170, 170, id: 3, classId: 2), At(150, 150, id: 4, confirmed: false), At(350, 150, id: 5), At(150, 250, id: 6)]));

        var lawn = Zone(harness, "lawn");
        Assert.Equal(3, lawn.Total);
        Assert.Equal(new Dictionary<string, int> { ["person"] = 2, ["car"] = 1 }, lawn.ByClass);
        Assert.Equal((1, 1), (Zone(harness, "yard").Total, Zone(harness, "yard").ByClass["person"]));

        harness.Feed((1, [At(150, 150, id: 1, matched: false)]));   // a prediction of a confirmed track still counts
        Assert.Equal((1, 0), (Zone(harness, "lawn").Total, Zone(harness, "yard").Total));
        Assert.Equal(TimeSpan.FromSeconds(1), Zone(harness, "lawn").UpdatedAt);
    }

    [Fact]
    public void Occupancy_is_counted_while_the_rules_are_disarmed()
    {
        var harness = Harness(new Disarmed());
        var events = harness.Feed((0, [At(150, 150)]));

        Assert.Empty(events);
        Assert.Equal(1, Zone(harness, "lawn").Total);
    }

    [Fact]
    public void Before_the_first_frame_every_zone_is_empty()
    {
        Assert.Equal([("lawn", 0), ("yard", 0)], Harness().Occupancy.Snapshot().Select(z => (z.ZoneId, z.Total)));
    }

    [Fact]
    public void Updating_does_not_allocate()
    {
        var harness = Harness();
        Track[] tracks = [.. Enumerable.Range(1, 50).Select(i => At(100 + (i * 5), 150, id: i))];
        harness.Occupancy.Update(TimeSpan.Zero, tracks);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            harness.Occupancy.Update(TimeSpan.FromSeconds(i), tracks);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task A_snapshot_taken_while_another_thread_updates_is_whole()
    {
        var occupancy = new ZoneOccupancy([("lawn", new Watchpost.Behaviours.Geometry.Polygon([(0, 0), (100, 0), (100, 100), (0, 100)]))], CocoLabels.All);
        Track[] three = [At(10, 50, id: 1), At(20, 50, id: 2), At(30, 50, id: 3)];
        Track[] none = [];
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                occupancy.Update(TimeSpan.FromMilliseconds(i), i % 2 == 0 ? three : none);
            }
        });

        for (var i = 0; i < 2000; i++)
        {
            Assert.Contains(occupancy.Snapshot()[0].Total, new[] { 0, 3 });
        }

        await stop.CancelAsync();
        await writer;
    }
}
