using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;
using Watchpost.Behaviours;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Evaluation;
using Watchpost.Hosting;
using Watchpost.Ingest;
using Watchpost.Ingest.Motion;
using Watchpost.Tests.Detection;
using Watchpost.Tests.Support;
using Watchpost.Tracking;

namespace Watchpost.Tests.Ingest.Motion;

/// <summary>
/// The gate's decisions (motion, tracks, re-checks) and the camera pipeline with the gate on, with the real
/// detector, on vtest's empty background and a real pedestrian crop walking into it.
/// </summary>
public sealed class MotionGateTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(0.2);

    [MediaFact("media/vtest.avi")]
    public void A_still_scene_is_detected_only_at_each_recheck()
    {
        using var gate = new MotionGate(new MotionOptions { Enabled = true, RecheckSeconds = 5 });

        var detected = Decisions(gate, 100, tracking: _ => false);

        // 5 fps for 20 s: the first frame, then every 25 frames.
        Assert.Equal([0, 25, 50, 75], detected);
        Assert.Equal(96, gate.FramesGated);
    }

    [MediaFact("media/vtest.avi")]
    public void Tracks_that_need_updating_keep_the_detector_running_without_motion()
    {
        using var gate = new MotionGate(new MotionOptions { Enabled = true, RecheckSeconds = 5 });

        var detected = Decisions(gate, 20, tracking: i => i is >= 3 and < 8);

        Assert.Equal([0, 3, 4, 5, 6, 7], detected);
    }

    [Fact]
    public void A_disabled_gate_sends_every_frame()
    {
        using var gate = new MotionGate(new MotionOptions());
        using var frame = new Mat(48, 64, MatType.CV_8UC3, Scalar.All(90));

        Assert.All(Enumerable.Range(0, 10), i => Assert.True(gate.ShouldDetect(frame, i * Step, tracking: false)));
        Assert.Equal(0, gate.FramesGated);
    }

    [MediaFact("media/vtest.avi", "media/PETS09-S2L1.gt.txt", "models/yolox_nano.onnx")]
    public async Task The_pipeline_with_the_gate_detects_a_still_scene_rarely_and_a_person_who_walks_in_at_once()
    {
        // 14 s of the empty square at 5 fps; from frame 40 (8 s) a real pedestrian walks in: ground-truth person 19
        // of vtest frames 1-30, cut out of those frames with their surroundings and put on the empty square.
        var walker = RealWalker();
        var pasted = new Rect?[70];
        var frames = Enumerable.Range(0, 70).Select(i =>
        {
            var image = EmptyScene.Noisy(i);
            if (i >= 40)
            {
                var (patch, where) = walker[i - 40];
                using var target = new Mat(image, where);
                patch.CopyTo(target);
                pasted[i] = where;
            }

            return new VideoFrame("cam", i, i * Step, DateTimeOffset.UtcNow, image);
        }).ToList();
        walker.ForEach(w => w.Patch.Dispose());

        await using var pool = DetectorPool.Create(() => RealDetector.Create(RealDetector.PersonSettings(0.1f)), workers: 1);
        var detector = new CountingDetector(pool, frames.ToDictionary(f => f.Image.CvPtr, f => (int)f.Index));
        var tracker = new RecordingTracker(new ByteTracker());
        var source = new InMemoryFrameSource(frames);
        var camera = new CameraOptions { Id = "cam", Motion = new MotionOptions { Enabled = true, RecheckSeconds = 5 } };
        var pipeline = new CameraPipeline(camera, source, detector, tracker, new CameraRuleEngine([]), (_, _) => { }, framesInFlight: 2, NullLogger.Instance);

        await pipeline.RunAsync(CancellationToken.None);

        output.WriteLine($"detected frames: {string.Join(' ', detector.Frames)}");

        // Before the person: the first frame and the re-check at 5 s only.
        Assert.Equal([0, 25], detector.Frames.Where(i => i < 40));
        Assert.Equal(38, source.Counters.FramesGated);
        // The person is tracked, confirmed, on their second frame and on every frame after.
        var confirmed = Enumerable.Range(40, 30).First(i => tracker.Tracks.GetValueOrDefault(i * Step, []).Any(t => t.IsConfirmed && t.IsMatched && Overlaps(t.Box, pasted[i]!.Value)));
        Assert.True(confirmed <= 42, $"confirmed at frame {confirmed}; the person appears at 40");
        Assert.All(Enumerable.Range(confirmed, 70 - confirmed), i => Assert.Contains(i, detector.Frames));
        Assert.All(frames, f => Assert.True(f.Image.IsDisposed));
    }

    /// <summary>Ground-truth person 19 in vtest frames 1-30 with 8 px of their surroundings: each patch and where it lies.</summary>
    private static List<(Mat Patch, Rect Where)> RealWalker()
    {
        var frames = SyntheticClips.Frames(0, 30);
        try
        {
            var boxes = MotChallengeFile.Read(TestAssets.GroundTruth).Where(b => b.Id == 19 && b.Frame <= 30).OrderBy(b => b.Frame).ToList();
            Assert.Equal(30, boxes.Count);
            return [.. boxes.Select(b =>
            {
                var where = new Rect((int)b.Box.X - 8, (int)b.Box.Y - 8, (int)b.Box.Width + 16, (int)b.Box.Height + 16)
                    .Intersect(new Rect(0, 0, frames[0].Width, frames[0].Height));
                return (new Mat(frames[b.Frame - 1], where).Clone(), where);
            })];
        }
        finally
        {
            SyntheticClips.Dispose(frames);
        }
    }

    private static List<int> Decisions(MotionGate gate, int count, Func<int, bool> tracking)
    {
        var detected = new List<int>();
        for (var i = 0; i < count; i++)
        {
            using var frame = EmptyScene.Noisy(i);
            if (gate.ShouldDetect(frame, i * Step, tracking(i)))
            {
                detected.Add(i);
            }
        }

        return detected;
    }

    private static bool Overlaps(BoundingBox box, Rect rect) =>
        box.X < rect.Right && rect.X < box.Right && box.Y < rect.Bottom && rect.Y < box.Bottom;

    /// <summary>The real pool, recording which frames (by their Mat) it was asked to detect.</summary>
    private sealed class CountingDetector(IDetectionService inner, Dictionary<IntPtr, int> indexOf) : IDetectionService
    {
        public List<int> Frames { get; } = [];
        public int Parallelism => inner.Parallelism;
        public IReadOnlyList<string> Labels => inner.Labels;

        public Task<IReadOnlyList<DetectedObject>> DetectAsync(Mat frame, CancellationToken cancellationToken)
        {
            lock (Frames)
            {
                Frames.Add(indexOf[frame.CvPtr]);
            }

            return inner.DetectAsync(frame, cancellationToken);
        }
    }

    private sealed class RecordingTracker(IObjectTracker inner) : IObjectTracker
    {
        /// <summary>The tracks after each update, by frame time (a frame the gate held is not an update).</summary>
        public Dictionary<TimeSpan, IReadOnlyList<Track>> Tracks { get; } = [];

        public IReadOnlyList<Track> Update(TimeSpan timestamp, ReadOnlySpan<DetectedObject> detections)
        {
            var tracks = inner.Update(timestamp, detections);
            Tracks[timestamp] = tracks;
            return tracks;
        }
    }
}
