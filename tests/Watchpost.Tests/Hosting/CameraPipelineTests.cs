using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;
using Watchpost.Behaviours;
using Watchpost.Behaviours.Intrusion;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Hosting;
using Watchpost.Ingest;
using Watchpost.Models;
using Watchpost.Tests.Support;
using Watchpost.Tracking;

namespace Watchpost.Tests.Hosting;

/// <summary>
/// The pipeline's own logic with stand-ins for its neighbours: frames in memory, a detector whose answers come
/// back out of order, and a tracker that records what it is fed.
/// </summary>
public sealed class CameraPipelineTests
{
    [Theory]
    [InlineData(0, 30)]   // every frame
    [InlineData(5, 15)]   // a 10 fps source thinned to 5 detections a second
    [InlineData(2, 6)]
    public async Task Frames_reach_the_tracker_in_order_thinned_to_detectFps_and_all_are_disposed(double detectFps, int expected)
    {
        var frames = Enumerable.Range(0, 30)
            .Select(i => new VideoFrame("cam", i, TimeSpan.FromSeconds(i / 10.0), DateTimeOffset.UtcNow, new Mat(2, 2, MatType.CV_8UC3)))
            .ToList();
        var source = new InMemoryFrameSource(frames);
        var tracker = new RecordingTracker();
        var pipeline = new CameraPipeline(new CameraOptions { Id = "cam", DetectFps = detectFps }, source, new ShuffledDetector(), tracker,
            new CameraRuleEngine([]), (_, _) => { }, framesInFlight: 3, NullLogger.Instance);

        await pipeline.RunAsync(CancellationToken.None);

        Assert.Equal(expected, tracker.Timestamps.Count);
        Assert.Equal(tracker.Timestamps.Order(), tracker.Timestamps);
        Assert.All(frames, f => Assert.True(f.Image.IsDisposed, $"frame {f.Index} was not disposed"));
        Assert.Equal(expected, source.Counters.FramesProcessed);
    }

    [Fact]
    public async Task A_rule_that_fires_hands_over_the_frame_it_fired_on()
    {
        var frames = Enumerable.Range(0, 10)
            .Select(i => new VideoFrame("cam", i, TimeSpan.FromSeconds(i / 10.0), DateTimeOffset.UtcNow, new Mat(2, 2, MatType.CV_8UC3)))
            .ToList();
        var site = new WatchpostOptions
        {
            Cameras = [new CameraOptions { Id = "cam", Url = "/dev/null" }],
            Zones = [new ZoneOptions { Id = "z", Camera = "cam", Polygon = [[0, 0], [100, 0], [100, 100], [0, 100]] }],
            Rules = [new IntrusionRuleOptions { Id = "r", Zone = "z" }],
        };
        var fired = new List<(string Rule, RulePhase Phase, long? FrameIndex, bool ImageAlive)>();
        var pipeline = new CameraPipeline(new CameraOptions { Id = "cam" }, new InMemoryFrameSource(frames), new ShuffledDetector(), new ConfirmedTrackAt(5),
            new CameraRuleEngine(ConfiguredRule.ForCamera(site, "cam", CocoLabels.All)),
            (e, frame) => fired.Add((e.Rule.RuleId, e.Phase, frame?.Index, frame is not null && !frame.Image.IsDisposed)), framesInFlight: 2, NullLogger.Instance);

        await pipeline.RunAsync(CancellationToken.None);

        // The event starts on the frame where the track appears and is ended (without a frame) when the stream ends.
        Assert.Equal([("r", RulePhase.Started, 5L, true), ("r", RulePhase.Ended, null, false)], fired);
    }

    [Fact]
    public async Task New_rules_take_over_at_the_next_frame_after_the_old_ones_end_their_events_and_a_snapshot_is_the_next_frame()
    {
        var frames = Enumerable.Range(0, 10)
            .Select(i => new VideoFrame("cam", i, TimeSpan.FromSeconds(i / 10.0), DateTimeOffset.UtcNow, new Mat(2, 2, MatType.CV_8UC3, new Scalar(0, 255, 0))))
            .ToList();
        WatchpostOptions Site(string rule) => new()
        {
            Cameras = [new CameraOptions { Id = "cam", Url = "/dev/null" }],
            Zones = [new ZoneOptions { Id = "z", Camera = "cam", Polygon = [[0, 0], [100, 0], [100, 100], [0, 100]] }],
            Rules = [new IntrusionRuleOptions { Id = rule, Zone = "z" }],
        };
        var fired = new List<(string Rule, RulePhase Phase, long? FrameIndex)>();
        var tap = new FrameTap();
        var snapshot = tap.NextJpegAsync(CancellationToken.None);
        CameraPipeline? pipeline = null;
        pipeline = new CameraPipeline(new CameraOptions { Id = "cam" }, new InMemoryFrameSource(frames), new ShuffledDetector(), new ConfirmedTrackAt(5),
            new CameraRuleEngine(ConfiguredRule.ForCamera(Site("old"), "cam", CocoLabels.All)),
            (e, frame) =>
            {
                fired.Add((e.Rule.RuleId, e.Phase, frame?.Index));
                if (e.Rule.RuleId == "old" && e.Phase == RulePhase.Started)
                {
                    // A reload while the event is open.
                    pipeline!.ReplaceRules(new CameraRuleEngine(ConfiguredRule.ForCamera(Site("new"), "cam", CocoLabels.All)));
                }
            },
            framesInFlight: 2, NullLogger.Instance, snapshots: tap);

        await pipeline.RunAsync(CancellationToken.None);

        Assert.Equal([("old", RulePhase.Started, 5L), ("old", RulePhase.Ended, 6L), ("new", RulePhase.Started, 6L), ("new", RulePhase.Ended, null)], fired);
        Assert.Equal((2, 2), pipeline.FrameSize);
        var jpeg = await snapshot.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
    }

    /// <summary>Answers after a delay that shrinks with the frame's index, so later frames finish first.</summary>
    private sealed class ShuffledDetector : IDetectionService
    {
        private int _calls;

        public int Parallelism => 3;
        public IReadOnlyList<string> Labels => CocoLabels.All;

        public async Task<IReadOnlyList<DetectedObject>> DetectAsync(Mat frame, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            await Task.Delay(TimeSpan.FromMilliseconds(3 * (3 - call % 3)), cancellationToken);
            Assert.False(frame.IsDisposed);
            return [new DetectedObject(new BoundingBox(10, 10, 20, 40), 0, 0.9f)];
        }
    }

    [Fact]
    public async Task A_stage_that_throws_stops_the_camera_with_its_error_and_gives_every_frame_back()
    {
        var frames = Enumerable.Range(0, 40)
            .Select(i => new VideoFrame("cam", i, TimeSpan.FromSeconds(i / 10.0), DateTimeOffset.UtcNow, new Mat(2, 2, MatType.CV_8UC3)))
            .ToList();
        var pipeline = new CameraPipeline(new CameraOptions { Id = "cam" }, new InMemoryFrameSource(frames), new ShuffledDetector(), new ThrowingTrackerAt(3),
            new CameraRuleEngine([]), (_, _) => { }, framesInFlight: 2, NullLogger.Instance);

        // It must end (not wait for room in a channel nobody reads) and say why.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal("tracker broke at frame 3", error.Message);
        // The frames it had taken from the source (up to the failing one and those in flight behind it) went back; the rest are the source's to dispose.
        Assert.All(frames.Take(5), f => Assert.True(f.Image.IsDisposed, $"frame {f.Index} was not disposed"));
    }

    private sealed class ThrowingTrackerAt(int frame) : IObjectTracker
    {
        private int _calls;

        public IReadOnlyList<Track> Update(TimeSpan timestamp, ReadOnlySpan<DetectedObject> detections) =>
            ++_calls > frame ? throw new InvalidOperationException($"tracker broke at frame {frame}") : [];
    }

    private sealed class RecordingTracker : IObjectTracker
    {
        public List<TimeSpan> Timestamps { get; } = [];

        public IReadOnlyList<Track> Update(TimeSpan timestamp, ReadOnlySpan<DetectedObject> detections)
        {
            Timestamps.Add(timestamp);
            return [];
        }
    }

    /// <summary>One confirmed person inside the zone from the given frame on (at 10 fps).</summary>
    private sealed class ConfirmedTrackAt(int frame) : IObjectTracker
    {
        public IReadOnlyList<Track> Update(TimeSpan timestamp, ReadOnlySpan<DetectedObject> detections) =>
            timestamp >= TimeSpan.FromSeconds(frame / 10.0) - TimeSpan.FromMilliseconds(1)
                ? [new Track(1, new BoundingBox(10, 10, 20, 40), 0, 0.9f, IsConfirmed: true, IsMatched: true, Hits: 5, FirstSeen: TimeSpan.Zero)]
                : [];
    }
}
