using Watchpost.Detection;
using Watchpost.Tracking;

namespace Watchpost.Tests.Tracking;

public class ByteTrackerTests
{
    private const int PersonClass = 0;
    private const int CarClass = 2;

    [Fact]
    public void Ids_start_at_one_and_a_track_is_confirmed_on_its_second_hit()
    {
        var tracker = new ByteTracker();

        var first = Assert.Single(tracker.Update(At(0, 10), [Person(100, 100)]));
        var second = Assert.Single(tracker.Update(At(1, 10), [Person(104, 100)]));

        Assert.Equal(1, first.Id);
        Assert.False(first.IsConfirmed);
        Assert.Equal(1, second.Id);
        Assert.True(second.IsConfirmed);
        Assert.True(second.IsMatched);
        Assert.Equal(2, second.Hits);
    }

    [Fact]
    public void Two_crossing_objects_keep_their_ids()
    {
        var tracker = new ByteTracker();
        int? leftId = null, rightId = null;
        for (var i = 0; i <= 24; i++)
        {
            // A walks right, B walks left, a little lower; they overlap fully around frame 12.
            var a = Person(100 + 12 * i, 200);
            var b = Person(388 - 12 * i, 206);
            var tracks = tracker.Update(At(i, 10), [a, b]);
            if (i == 3)
            {
                leftId = Nearest(tracks, a.Box).Id;
                rightId = Nearest(tracks, b.Box).Id;
            }

            if (i > 3)
            {
                Assert.Equal(leftId, Nearest(tracks, a.Box).Id);
                Assert.Equal(rightId, Nearest(tracks, b.Box).Id);
            }
        }

        Assert.NotEqual(leftId, rightId);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(30)]
    public void A_short_occlusion_within_the_lost_buffer_keeps_the_id(int fps)
    {
        var tracker = new ByteTracker(); // lost buffer 3 s
        var occludedFrom = fps;          // 1 s of detections, then 1.5 s without
        var backAt = fps * 5 / 2;
        var id = 0;
        for (var i = 0; i <= backAt + fps / 2; i++)
        {
            var seconds = (double)i / fps;
            var truth = Person(100 + 60 * seconds, 200); // 60 px/s to the right
            var visible = i < occludedFrom || i >= backAt;
            var tracks = tracker.Update(At(i, fps), visible ? [truth] : []);
            var track = Assert.Single(tracks);
            if (i == occludedFrom - 1)
            {
                id = track.Id;
            }

            Assert.Equal(visible, track.IsMatched);
            if (i >= occludedFrom)
            {
                Assert.Equal(id, track.Id);
                Assert.True(track.Box.IntersectionOverUnion(truth.Box) > 0.5f, $"frame {i}: the predicted box left the object");
            }
        }
    }

    [Fact]
    public void An_occlusion_longer_than_the_lost_buffer_gives_a_new_id()
    {
        var tracker = new ByteTracker(new ByteTrackerOptions { LostBuffer = TimeSpan.FromSeconds(1) });
        for (var i = 0; i < 5; i++)
        {
            tracker.Update(At(i, 10), [Person(100, 200)]);
        }

        for (var i = 5; i < 20; i++)
        {
            // Last seen at 0.4 s: kept (lost) up to 1.4 s, then dropped.
            Assert.Equal(i <= 14 ? 1 : 0, tracker.Update(At(i, 10), []).Count);
        }

        var back = Assert.Single(tracker.Update(At(20, 10), [Person(100, 200)]));
        Assert.NotEqual(1, back.Id);
    }

    [Fact]
    public void A_one_frame_blip_never_becomes_a_confirmed_track()
    {
        var tracker = new ByteTracker();
        var seen = new List<Track>();
        for (var i = 0; i < 10; i++)
        {
            seen.AddRange(tracker.Update(At(i, 10), i == 4 ? [Person(300, 300, score: 0.95f)] : []));
        }

        var blip = Assert.Single(seen);
        Assert.False(blip.IsConfirmed);
        Assert.Empty(tracker.Update(At(10, 10), []));
    }

    [Fact]
    public void Low_score_detections_extend_a_track_but_never_start_one()
    {
        var tracker = new ByteTracker();
        for (var i = 0; i < 5; i++)
        {
            tracker.Update(At(i, 10), [Person(100 + 5 * i, 200, score: 0.9f), Person(500, 300, score: 0.3f)]);
        }

        for (var i = 5; i < 20; i++)
        {
            var tracks = tracker.Update(At(i, 10), [Person(100 + 5 * i, 200, score: 0.3f), Person(500, 300, score: 0.3f)]);

            var track = Assert.Single(tracks);
            Assert.Equal(1, track.Id);
            Assert.True(track.IsMatched);
            Assert.True(track.IsConfirmed);
            Assert.Equal(0.3f, track.Score);
        }
    }

    [Fact]
    public void Low_score_detections_alone_hold_a_track_only_for_the_lost_buffer()
    {
        var tracker = new ByteTracker(new ByteTrackerOptions { LostBuffer = TimeSpan.FromSeconds(2) });
        var original = new ByteTracker(new ByteTrackerOptions { LostBuffer = TimeSpan.FromSeconds(2), LowScoreRenewsTrack = true });
        for (var i = 0; i < 3; i++)
        {
            tracker.Update(At(i, 10), [Person(100, 200, score: 0.9f)]);
            original.Update(At(i, 10), [Person(100, 200, score: 0.9f)]);
        }

        // A half-believed object: the last confident detection was at frame 2 (0.2 s).
        for (var i = 3; i <= 40; i++)
        {
            var tracks = tracker.Update(At(i, 10), [Person(100, 200, score: 0.4f)]);
            Assert.Equal(i <= 22 ? 1 : 0, tracks.Count);
            Assert.Single(original.Update(At(i, 10), [Person(100, 200, score: 0.4f)]));
        }
    }

    [Fact]
    public void Tracks_never_take_a_detection_of_another_class()
    {
        var tracker = new ByteTracker();
        tracker.Update(At(0, 10), [Person(100, 200)]);
        tracker.Update(At(1, 10), [Person(100, 200)]);

        var tracks = tracker.Update(At(2, 10), [new DetectedObject(new BoundingBox(100, 200, 40, 100), CarClass, 0.9f)]);

        var person = Assert.Single(tracks, t => t.ClassId == PersonClass);
        var car = Assert.Single(tracks, t => t.ClassId == CarClass);
        Assert.Equal(1, person.Id);
        Assert.False(person.IsMatched);
        Assert.NotEqual(person.Id, car.Id);
    }

    [Fact]
    public void Frames_out_of_time_order_are_rejected()
    {
        var tracker = new ByteTracker();
        tracker.Update(TimeSpan.FromSeconds(2), [Person(100, 200)]);

        var error = Assert.Throws<ArgumentException>(() => tracker.Update(TimeSpan.FromSeconds(1), []));
        Assert.Contains("time order", error.Message);
    }

    [Fact]
    public void Options_out_of_range_are_rejected_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => new ByteTracker(new ByteTrackerOptions { LowScoreThreshold = 0.7f }));
        Assert.Contains(nameof(ByteTrackerOptions.LowScoreThreshold), error.Message);
        Assert.Throws<ArgumentException>(() => new ByteTracker(new ByteTrackerOptions { ConfirmHits = 0 }));
        Assert.Throws<ArgumentException>(() => new ByteTracker(new ByteTrackerOptions { HighMatchMinIou = 1.5f }));
    }

    private static TimeSpan At(int frame, int fps) => TimeSpan.FromSeconds((double)frame / fps);

    private static DetectedObject Person(double x, double y, float score = 0.9f) =>
        new(new BoundingBox((float)x, (float)y, 40, 100), PersonClass, score);

    private static Track Nearest(IReadOnlyList<Track> tracks, BoundingBox box) =>
        tracks.Where(t => t.IsConfirmed).MaxBy(t => t.Box.IntersectionOverUnion(box));
}
