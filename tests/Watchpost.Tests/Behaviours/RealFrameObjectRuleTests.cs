using OpenCvSharp;
using Watchpost.Behaviours;
using Watchpost.Behaviours.LeftObject;
using Watchpost.Behaviours.ObjectRemoved;
using Watchpost.Behaviours.Running;
using Watchpost.Detection;
using Watchpost.Tests.Support;
using Watchpost.Tracking;
using Xunit.Abstractions;
using static Watchpost.Tests.Behaviours.RuleHarness;

namespace Watchpost.Tests.Behaviours;

/// <summary>
/// The object and running rules on real frames of vtest.avi (frames 300-384, 7 fps) run through the real
/// detector and tracker, with real crops pasted in (see <see cref="SyntheticClips"/>): a 15 px carrier bag set
/// down at (300, 300) from clip frame 5 on, where a pedestrian is standing (bag A, left), and the same bag at
/// (600, 300) for clip frames 0-39 only, on the path of two walkers (bag B, removed); and a pedestrian crop moved
/// along the road at 14 px a frame (98 px/s, about 3.4x the median walking pace in vtest's ground truth, 29 px/s;
/// at 16 px a frame ByteTrack at 7 fps no longer confirms the track in time, see docs/behaviours.md).
/// </summary>
public class RealFrameObjectRuleTests(ITestOutputHelper output)
{
    private const int First = 300;
    private const int Count = 85;
    private static readonly Point BagA = new(300, 300);
    private static readonly Point BagB = new(600, 300);

    private static readonly Lazy<(List<Track[]> Tracks, Rect?[] A, Rect?[] B)> BagClip = new(() =>
    {
        var frames = SyntheticClips.Frames(First, Count);
        try
        {
            var a = SyntheticClips.SetDownBag(frames, BagA, from: 5);
            var b = SyntheticClips.SetDownBag(frames, BagB, from: 0, until: 40);
            return (RealTracks.Of(frames), a, b);
        }
        finally
        {
            SyntheticClips.Dispose(frames);
        }
    });

    private static readonly Lazy<List<Track[]>> PlainClip = new(() =>
    {
        var frames = SyntheticClips.Frames(First, Count);
        try
        {
            return RealTracks.Of(frames);
        }
        finally
        {
            SyntheticClips.Dispose(frames);
        }
    });

    private static RuleHarness LeftObject() =>
        new(new LeftObjectRuleOptions { Id = "left", Camera = Camera, DurationSeconds = 2, CooldownSeconds = 0 }, detectorClasses: RealTracks.Classes);

    private static RuleHarness ObjectRemoved() =>
        new(new ObjectRemovedRuleOptions { Id = "removed", Zone = "all", DurationSeconds = 2, PresentSeconds = 3, Classes = ["backpack", "handbag", "suitcase"], CooldownSeconds = 0 },
            [new() { Id = "all", Camera = Camera, Polygon = [[0, 0], [768, 0], [768, 576], [0, 576]] }], detectorClasses: RealTracks.Classes);

    private static RuleHarness Running() =>
        new(new RunningRuleOptions { Id = "run", Camera = Camera, SpeedPxPerSecond = 80, DurationSeconds = 1, CooldownSeconds = 0 }, detectorClasses: RealTracks.Classes);

    [Fact]
    public void Yolox_nano_does_not_see_the_real_15_px_bag_so_neither_object_rule_fires()
    {
        var (tracks, a, b) = BagClip.Value;
        var bags = RealTracks.Classes.Skip(1).Select(RealTracks.ClassId).ToHashSet();

        // What is true today: the bag at this distance is ~15 px, and YOLOX-Nano (416 px input) reports no bag class on it
        // (a probe found "sports ball" at 0.23, "bench" or "dog" below 0.2 when enlarged). If a better model sees it, this
        // assertion fails: then assert the events instead (the injected-track tests below show what they must be).
        var bagTracks = tracks.SelectMany((frame, i) => frame.Where(t => bags.Contains(t.ClassId) && t.IsConfirmed && (Hit(t, a[i]) || Hit(t, b[i])))).ToList();
        Assert.Empty(bagTracks);

        Assert.Empty(RealTracks.Run(LeftObject(), tracks));
        Assert.Empty(RealTracks.Run(ObjectRemoved(), tracks));
        Assert.True(tracks.Max(f => f.Count(t => t.IsConfirmed && t.ClassId == 0)) >= 4, "the clip's people are tracked");
    }

    [Fact]
    public void Left_object_on_real_person_tracks_with_the_bag_track_injected_names_the_pedestrian_beside_it_as_owner()
    {
        var (tracks, a, _) = BagClip.Value;
        var withBag = Inject(tracks, a, "handbag");
        var owner = Nearest(tracks[5], BagA);
        output.WriteLine($"owner at appearance: track {owner.Id} at {owner.Box}");

        var events = RealTracks.Run(LeftObject(), withBag);

        var started = Assert.Single(events, e => e.Phase == RulePhase.Started);
        output.WriteLine($"left_object at {started.Timestamp.TotalSeconds:F2} s: {string.Join(", ", started.Signal.Details.Select(kv => $"{kv.Key}={kv.Value}"))}");
        Assert.Equal((long)owner.Id, (long)started.Signal.Details["owner_track_id"]);
        Assert.True((double)started.Signal.Details["distance"] > LeftObjectRule.AwayDistance * owner.Box.Height * 0.8, "the owner had walked away");
        Assert.InRange(started.Timestamp.TotalSeconds, 5 / SyntheticClips.Fps + 1.5 + 2,   // appears, still for the 1.5 s window, owner away for 2 s
            Count / SyntheticClips.Fps);
    }

    [Fact]
    public void Object_removed_on_real_person_tracks_with_the_bag_track_injected_fires_once_the_bag_is_gone()
    {
        var (tracks, _, b) = BagClip.Value;

        var events = RealTracks.Run(ObjectRemoved(), Inject(tracks, b, "handbag"));

        var started = Assert.Single(events, e => e.Phase == RulePhase.Started);
        output.WriteLine($"object_removed at {started.Timestamp.TotalSeconds:F2} s (gone from {started.Signal.StartedAt.TotalSeconds:F2} s): {string.Join(", ", started.Signal.Details.Select(kv => $"{kv.Key}={kv.Value}"))}");
        Assert.True(started.Signal.StartedAt.TotalSeconds >= 39 / SyntheticClips.Fps - 0.01, "not before the bag went");
        Assert.InRange(started.Timestamp.TotalSeconds, 40 / SyntheticClips.Fps + 2 - 0.2, Count / SyntheticClips.Fps);
    }

    [Fact]
    public void Object_removed_fires_when_the_parked_car_is_painted_out_of_real_frames_and_not_while_it_stays()
    {
        string[] classes = ["person", "car", "truck"];
        var frames = SyntheticClips.Frames(0, 70);
        try
        {
            SyntheticClips.PaintOut(frames, SyntheticClips.ParkedCar, from: 35);   // gone from 5 s on
            var tracks = RealTracks.Of(frames, classes: classes);
            var kept = tracks.Take(35).ToList();   // the frames before it, untouched
            RuleHarness Rule() => new(
                new ObjectRemovedRuleOptions { Id = "removed", Zone = "yard", DurationSeconds = 2, PresentSeconds = 3, Classes = ["car", "truck"], CooldownSeconds = 0 },
                [new() { Id = "yard", Camera = Camera, Polygon = [[600, 0], [768, 0], [768, 120], [600, 120]] }], detectorClasses: classes);

            Assert.Empty(RealTracks.Run(Rule(), kept));   // 5 s with both vehicles in place: nothing
            var started = Assert.Single(RealTracks.Run(Rule(), tracks), e => e.Phase == RulePhase.Started);
            output.WriteLine($"object_removed at {started.Timestamp.TotalSeconds:F2} s, {started.Signal.ClassName} {started.Signal.Box}: {string.Join(", ", started.Signal.Details.Select(kv => $"{kv.Key}={kv.Value}"))}");
            Assert.True(RealTracks.Overlaps(started.Signal.Box, SyntheticClips.ParkedCar), "the removed object is the painted-out car, not the van beside it");
            Assert.InRange(started.Timestamp.TotalSeconds, 35 / SyntheticClips.Fps + 2 - 0.2, 35 / SyntheticClips.Fps + 4);
        }
        finally
        {
            SyntheticClips.Dispose(frames);
        }
    }

    [Fact]
    public void The_unmodified_clip_raises_no_running_left_object_or_removal()
    {
        var tracks = PlainClip.Value;

        Assert.DoesNotContain(RealTracks.Run(Running(), tracks), e => e.Phase == RulePhase.Started);
        Assert.Empty(RealTracks.Run(LeftObject(), tracks));
        Assert.Empty(RealTracks.Run(ObjectRemoved(), tracks));
    }

    [Fact]
    public void A_real_pedestrian_crop_moved_at_running_pace_raises_running()
    {
        var frames = SyntheticClips.Frames(First, 42);
        try
        {
            // The pedestrian nearest to where the ground truth puts person 14 in frame 301 (328, 297): about 36 x 86 px.
            var person = Nearest(RealTracks.Of([frames[0], frames[1]])[1], new Point(328, 297)).Box;
            using var crop = new Mat(frames[0], new Rect((int)person.X, (int)person.Y, (int)person.Width, (int)person.Height)).Clone();
            var pasted = SyntheticClips.Runner(frames, crop, new Point(390, 380), pixelsPerFrame: 14, from: 7, frameCount: 24);
            output.WriteLine($"runner crop {person}, pasted from {pasted[7]} to {pasted[30]}");

            var tracks = RealTracks.Of(frames);
            var started = RealTracks.Run(Running(), tracks).Where(e => e.Phase == RulePhase.Started).ToList();

            var runner = Assert.Single(started);
            output.WriteLine($"running at {runner.Timestamp.TotalSeconds:F2} s, track {runner.Signal.TrackId} {runner.Signal.Box}: {string.Join(", ", runner.Signal.Details.Select(kv => $"{kv.Key}={kv.Value}"))}");
            var frame = (int)Math.Round(runner.Timestamp.TotalSeconds * SyntheticClips.Fps);
            Assert.True(pasted[frame] is { } at && RealTracks.Overlaps(runner.Signal.Box, at), "the event is on the pasted runner");
            Assert.InRange((double)runner.Signal.Details["speed_px_s"], 85, 150);
        }
        finally
        {
            SyntheticClips.Dispose(frames);
        }
    }

    private static bool Hit(in Track track, Rect? pasted) => pasted is { } rect && RealTracks.Overlaps(track.Box, rect);

    private static Track Nearest(Track[] tracks, Point ground) =>
        tracks.Where(t => t.IsConfirmed && t.ClassId == 0)
            .MinBy(t => Math.Pow(t.Box.GroundPoint.X - ground.X, 2) + Math.Pow(t.Box.GroundPoint.Y - ground.Y, 2));

    /// <summary>The real tracks plus, where the bag was pasted, a track of it as a detector that saw it would give (id 9999).</summary>
    private static List<Track[]> Inject(List<Track[]> tracks, Rect?[] pasted, string className) =>
        [.. tracks.Select((frame, i) => pasted[i] is { } r
            ? [.. frame, new Track(9999, new BoundingBox(r.X, r.Y, r.Width, r.Height), RealTracks.ClassId(className), 0.8f, true, true, i + 1, TimeSpan.Zero)]
            : frame)];
}
