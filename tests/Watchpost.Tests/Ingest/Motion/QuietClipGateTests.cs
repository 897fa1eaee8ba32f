using Watchpost.Bench;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Ingest;
using Watchpost.Ingest.Motion;
using Watchpost.Tests.Detection;
using Watchpost.Tests.Support;
using Watchpost.Tracking;

namespace Watchpost.Tests.Ingest.Motion;

/// <summary>
/// The gate on bench's quiet-scene clip as the service reads it (H.264, through ffmpeg at 5 detect-fps): the empty
/// stretch is gated out apart from re-checks, and the walk-in is detected.
/// </summary>
public sealed class QuietClipGateTests
{
    [Fact]
    public async Task The_empty_stretch_of_the_quiet_clip_is_gated_out_and_the_walk_in_is_detected()
    {
        var scene = QuietScene.Default;
        var clip = await ClipBuilder.QuietClipAsync(TestAssets.Video, scene, cache: null, CancellationToken.None);
        var camera = new CameraOptions { Id = "quiet", Url = clip, Realtime = false, DetectFps = 5, Motion = new MotionOptions { Enabled = true } };
        await using var source = FrameSourceFactory.Create(camera, new CapturedLogs().Factory);
        // The service's default classes and score: a car or bench taken for one would hold the gate open as a track.
        using var detector = RealDetector.Create(DetectorFactory.CreateSettings(RealDetector.Model, new DetectorOptions()));
        using var gate = new MotionGate(camera.Motion);
        var tracker = new ByteTracker();
        source.Start(CancellationToken.None);

        var detectedEmpty = 0;
        var emptyFrames = 0;
        var firstPersonAt = TimeSpan.MaxValue;
        IReadOnlyList<Track> tracks = [];
        var heldBy = "";
        var motionAt50 = "";
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var frame in source.Frames.ReadAllAsync(cancel.Token))
        {
            using (frame)
            {
                if (frame.Timestamp.TotalSeconds >= scene.WalkInStart(0) + scene.WalkInSeconds)
                {
                    break;
                }

                var empty = frame.Timestamp.TotalSeconds < scene.WalkInStart(0);
                var detect = gate.ShouldDetect(frame.Image, frame.Timestamp, MotionGate.NeedsUpdating(tracks));
                if (detect)
                {
                    tracks = tracker.Update(frame.Timestamp, detector.Detect(frame.Image).ToArray());
                }

                emptyFrames += empty ? 1 : 0;
                if (emptyFrames == 50 && empty)
                {
                    heldBy = string.Join(", ", tracks.Select(t => $"#{t.Id} class {t.ClassId} {(t.IsConfirmed ? "confirmed" : "tentative")} {(t.IsMatched ? "matched" : "lost")} at ({t.Box.X:0},{t.Box.Y:0})"));
                    motionAt50 = gate.LastMotion.ToString();
                }

                detectedEmpty += empty && detect ? 1 : 0;
                if (!empty && firstPersonAt == TimeSpan.MaxValue && tracks.Any(t => t.IsConfirmed))
                {
                    firstPersonAt = frame.Timestamp;
                }
            }
        }

        // 20 s at 5 fps; a re-check every 5 s. The two cars parked at the top right are tracked and held as they are.
        Assert.Equal(100, emptyFrames);
        Assert.True(detectedEmpty <= 6, $"the detector ran on {detectedEmpty} of {emptyFrames} empty frames; at the 50th: tracks {heldBy}; motion {motionAt50}");
        Assert.True(firstPersonAt - TimeSpan.FromSeconds(scene.WalkInStart(0)) < TimeSpan.FromSeconds(1), $"first confirmed person at {firstPersonAt}");
    }
}
