using OpenCvSharp;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Ingest.Motion;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Ingest.Motion;

/// <summary>
/// The motion detector on real footage (vtest.avi), on that footage's empty background (the per-pixel median, with
/// sensor-like noise), and on the background with a real person crop, a light change, a mask or a speck added.
/// </summary>
public sealed class MotionDetectorTests
{
    /// <summary>A pedestrian in vtest frame 0 (ground-truth id 19 of frame 1): 42 x 81 px.</summary>
    internal static readonly Rect Pedestrian = new(633, 242, 42, 81);

    private static readonly TimeSpan Step = TimeSpan.FromSeconds(0.2);

    [MediaFact("media/vtest.avi")]
    public void Real_footage_has_motion_in_nearly_every_frame()
    {
        var frames = SyntheticClips.Frames(0, 30);
        try
        {
            using var detector = new MotionDetector(new MotionOptions { Enabled = true });
            var moving = frames.Select((f, i) => detector.Detect(f, TimeSpan.FromSeconds(i / SyntheticClips.Fps))).Skip(1).Count(m => m.HasMotion);

            Assert.True(moving >= 27, $"motion in {moving} of 29 frames");
        }
        finally
        {
            SyntheticClips.Dispose(frames);
        }
    }

    [MediaFact("media/vtest.avi")]
    public void The_empty_background_with_noise_has_no_motion()
    {
        using var detector = new MotionDetector(new MotionOptions { Enabled = true });

        var results = Run(detector, 50, (_, _) => { });

        Assert.All(results, r => Assert.False(r.HasMotion, $"motion: {string.Join(", ", r.Boxes)}"));
    }

    [MediaFact("media/vtest.avi")]
    public void A_person_walking_into_the_empty_scene_is_motion_within_two_frames_where_they_are()
    {
        using var person = SyntheticClips.Crop(0, Pedestrian);
        using var detector = new MotionDetector(new MotionOptions { Enabled = true });
        var pasted = new Rect?[30];

        var results = Run(detector, 30, (frame, i) => pasted[i] = i >= 20 ? Paste(frame, person, new Point(300 + 6 * (i - 20), 400)) : null);

        Assert.All(results.Take(20), r => Assert.False(r.HasMotion));
        var first = Enumerable.Range(20, 10).First(i => results[i].HasMotion);
        Assert.True(first <= 21, $"first motion at frame {first}, the person appears at 20");
        Assert.All(Enumerable.Range(first, 30 - first), i =>
            Assert.Contains(results[i].Boxes, b => Overlaps(b, pasted[i]!.Value)));
    }

    [MediaFact("media/vtest.avi")]
    public void A_change_of_light_over_the_whole_scene_is_not_motion()
    {
        using var detector = new MotionDetector(new MotionOptions { Enabled = true });

        var results = Run(detector, 30, (frame, i) =>
        {
            if (i >= 10)
            {
                frame.ConvertTo(frame, -1, 1, i >= 20 ? -30 : 50);   // lights on at 10, then dimmer than before at 20
            }
        });

        Assert.All(results, r => Assert.False(r.HasMotion, $"motion: share {r.ChangedShare:F2}"));
        Assert.True(results[10].LightingChange);
        Assert.True(results[20].LightingChange);
    }

    [MediaFact("media/vtest.avi")]
    public void Motion_inside_a_mask_is_ignored_and_outside_it_is_not()
    {
        using var person = SyntheticClips.Crop(0, Pedestrian);
        void Walk(Mat frame, int i) => Paste(frame, person, new Point(300 + 6 * i, 400));
        List<float[]> road = [[200, 250], [500, 250], [500, 450], [200, 450]];

        using var masked = new MotionDetector(new MotionOptions { Enabled = true, Masks = [road] });
        using var open = new MotionDetector(new MotionOptions { Enabled = true });

        Assert.All(Run(masked, 15, Walk), r => Assert.False(r.HasMotion, $"motion: {string.Join(", ", r.Boxes)}"));
        Assert.Contains(Run(open, 15, Walk), r => r.HasMotion);
    }

    [MediaFact("media/vtest.avi")]
    public void A_change_smaller_than_min_area_is_not_motion()
    {
        // A 6 x 6 px speck that blinks white and black (a moth at night), under the default minimum of 300 px².
        void Blink(Mat frame, int i) => frame[new Rect(400, 300, 6, 6)].SetTo(i % 2 == 0 ? Scalar.All(255) : Scalar.All(0));

        using var defaults = new MotionDetector(new MotionOptions { Enabled = true });
        using var sensitive = new MotionDetector(new MotionOptions { Enabled = true, MinArea = 30 });

        Assert.All(Run(defaults, 10, Blink), r => Assert.False(r.HasMotion, $"motion, changed share {r.ChangedShare}"));
        Assert.Contains(Run(sensitive, 10, Blink), r => r.HasMotion);
    }

    /// <summary>Feeds <paramref name="count"/> noisy background frames at 5 fps, each changed by <paramref name="change"/> first.</summary>
    internal static List<MotionResult> Run(MotionDetector detector, int count, Action<Mat, int> change)
    {
        var results = new List<MotionResult>(count);
        for (var i = 0; i < count; i++)
        {
            using var frame = EmptyScene.Noisy(i);
            change(frame, i);
            var result = detector.Detect(frame, i * Step);
            results.Add(result with { Boxes = [.. result.Boxes] });
        }

        return results;
    }

    /// <summary>Pastes <paramref name="crop"/> with its bottom-centre at <paramref name="ground"/>.</summary>
    internal static Rect Paste(Mat frame, Mat crop, Point ground) =>
        SyntheticClips.Paste([frame], crop, _ => ground)[0] ?? throw new InvalidOperationException("pasted outside the frame");

    private static bool Overlaps(BoundingBox box, Rect rect) =>
        box.X < rect.Right && rect.X < box.Right && box.Y < rect.Bottom && rect.Y < box.Bottom;
}
