using Watchpost.Behaviours;
using Watchpost.Behaviours.Gathering;
using Watchpost.Behaviours.Intrusion;
using Watchpost.Behaviours.LineCrossing;
using Watchpost.Behaviours.Loitering;
using Watchpost.Behaviours.ZoneEnter;
using Watchpost.Behaviours.ZoneExit;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Models;
using Watchpost.Tracking;
using static Watchpost.Tests.Behaviours.RuleHarness;

namespace Watchpost.Tests.Behaviours;

public class RuleAllocationTests
{
    [Fact]
    public void The_zone_and_line_rules_do_not_allocate_per_frame_in_steady_state()
    {
        // 40 people: 20 wandering inside the zone (intrusion has fired, gathering is on), 20 walking beside the line.
        var site = new WatchpostOptions
        {
            Cameras = [new CameraOptions { Id = Camera, Url = "/dev/null" }],
            Zones = [Square(size: 300)],
            Lines = [Line("gate", 500, 100, 500, 400)],
            Rules =
            [
                new IntrusionRuleOptions { Id = "intrusion", Zone = "lawn" },
                new ZoneEnterRuleOptions { Id = "enter", Zone = "lawn" },
                new ZoneExitRuleOptions { Id = "exit", Zone = "lawn" },
                new LoiteringRuleOptions { Id = "loiter", Zone = "lawn", DwellSeconds = 3600 },
                new GatheringRuleOptions { Id = "group", Zone = "lawn", Count = 3, DurationSeconds = 1 },
                new LineCrossingRuleOptions { Id = "cross", Line = "gate" },
            ],
        };
        WatchpostOptionsLoader.Validate(site, "test site");
        var engine = new CameraRuleEngine(ConfiguredRule.ForCamera(site, Camera, CocoLabels.All), occupancy: ZoneOccupancy.ForCamera(site, Camera, CocoLabels.All));
        var frames = Enumerable.Range(0, 200).Select(f => Enumerable.Range(1, 40)
            .Select(i => i <= 20 ? At(120 + (i * 10) + (f % 5), 150 + (f % 7)) with { Id = i } : At(520 + (i % 5), 110 + ((i + f) % 280)) with { Id = i })
            .ToArray()).ToArray();
        var events = new List<BehaviourEvent>(64);
        var wallClock = DateTimeOffset.UnixEpoch;

        void Run(int from, int to)
        {
            for (var f = from; f < to; f++)
            {
                events.Clear();
                engine.Evaluate(new RuleFrame(TimeSpan.FromSeconds(f * 0.2), frames[f]), wallClock, events);
            }
        }

        Run(0, 50);   // warm up: stays begun, intrusion and gathering fired
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(50, 200);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData("""{ "id": "r", "type": "running", "camera": "cam", "speedPxPerSecond": 150 }""")]
    [InlineData("""{ "id": "r", "type": "fall", "camera": "cam" }""")]
    [InlineData("""{ "id": "r", "type": "left_object", "camera": "cam" }""")]
    [InlineData("""{ "id": "r", "type": "object_removed", "zone": "lawn" }""")]
    [InlineData("""{ "id": "r", "type": "fight", "camera": "cam" }""")]
    [InlineData("""{ "id": "r", "type": "loitering", "zone": "lawn", "dwellSeconds": 3600 }""")]
    public void The_other_rules_do_not_allocate_per_frame_in_steady_state(string rule)
    {
        // 40 people walking slowly on the spot and a parked car, with a motion field for the rules that read one.
        var site = RuleSiteJson.Load($$"""
            { "detector": { "classes": ["person", "car", "backpack", "handbag", "suitcase", "bicycle", "motorcycle"] },
              "cameras": [ { "id": "cam", "url": "/dev/null" } ],
              "zones": [ { "id": "lawn", "camera": "cam", "polygon": [[100, 100], [400, 100], [400, 400], [100, 400]] } ],
              "rules": [ {{rule}} ] }
            """);
        var engine = new CameraRuleEngine(ConfiguredRule.ForCamera(site, Camera, CocoLabels.All));
        using var motion = new MotionFieldBuilder();
        using var a = new OpenCvSharp.Mat(480, 640, OpenCvSharp.MatType.CV_8UC3, OpenCvSharp.Scalar.All(90));
        using var b = new OpenCvSharp.Mat(480, 640, OpenCvSharp.MatType.CV_8UC3, OpenCvSharp.Scalar.All(100));
        var frames = Enumerable.Range(0, 300).Select(f => Enumerable.Range(1, 40)
            .Select(i => At(120 + (i * 7) + (f % 3), 150 + (i % 4) * 60 + (f % 2)) with { Id = i })
            .Append(new Track(99, new BoundingBox(300, 300, 80, 50), 2, 0.9f, true, true, 100, TimeSpan.Zero))
            .ToArray()).ToArray();
        var events = new List<BehaviourEvent>(64);

        long Run(int from, int to)
        {
            long allocated = 0;
            for (var f = from; f < to; f++)
            {
                events.Clear();
                // Only the rules are measured: the motion field is the pipeline's work (OpenCvSharp wraps each call's arrays).
                var field = engine.NeedsMotion ? motion.Update(f % 2 == 0 ? a : b, TimeSpan.FromSeconds(f * 0.1)) : null;
                var before = GC.GetAllocatedBytesForCurrentThread();
                engine.Evaluate(new RuleFrame(TimeSpan.FromSeconds(f * 0.1), frames[f], field), DateTimeOffset.UnixEpoch, events);
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            }

            return allocated;
        }

        Run(0, 150);

        Assert.Equal(0, Run(150, 300));
    }
}
