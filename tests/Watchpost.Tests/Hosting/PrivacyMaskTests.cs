using OpenCvSharp;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Hosting;
using Watchpost.Tests.Events;
using Watchpost.Tracking;
using Xunit.Abstractions;

namespace Watchpost.Tests.Hosting;

/// <summary>Privacy masks blurred in pictures, and the live view's drawing, on a real frame of the sample footage.</summary>
public sealed class PrivacyMaskTests(ITestOutputHelper output)
{
    /// <summary>The top left of vtest.avi: a building's windows, full of detail.</summary>
    internal static readonly float[][] Window = [[20, 10], [260, 10], [260, 150], [20, 150]];

    [Fact]
    public void Inside_a_mask_the_detail_is_gone_and_outside_it_every_pixel_is_as_it_was()
    {
        var site = new WatchpostOptions { Masks = [new MaskOptions { Id = "window", Camera = "gate", Polygon = [.. Window] }, new MaskOptions { Id = "other", Camera = "elsewhere", Polygon = [[0, 0], [768, 0], [768, 576]] }] };
        using var frame = EventTestData.FootageFrame.Clone();
        PrivacyMask.For(site, "gate").Apply(frame);

        var inside = new Rect(40, 30, 200, 100);
        var outside = new Rect(300, 0, 468, 576);
        var (before, after) = (Detail(EventTestData.FootageFrame, inside), Detail(frame, inside));
        Assert.True(before > 8 && after < before / 10, $"detail inside the mask: {before:F2} in the raw frame, {after:F2} masked");
        Assert.True(MeanDifference(frame, EventTestData.FootageFrame, inside) > 10);
        Assert.Equal(0, MeanDifference(frame, EventTestData.FootageFrame, outside));
        Assert.True(PrivacyMask.For(site, "nowhere").IsEmpty);
    }

    [Fact]
    public void The_live_picture_is_scaled_with_masks_blurred_zones_tinted_lines_drawn_and_tracks_boxed()
    {
        var site = new WatchpostOptions
        {
            Zones = [new ZoneOptions { Id = "plaza", Camera = "gate", Polygon = [[300, 300], [500, 300], [500, 500], [300, 500]] }],
            Lines = [new LineOptions { Id = "gate-line", Camera = "gate", From = [600, 100], To = [600, 500] }],
            Masks = [new MaskOptions { Id = "window", Camera = "gate", Polygon = [.. Window] }],
        };
        var scene = CameraScene.For(site, "gate");
        Track[] tracks = [new(17, new BoundingBox(100, 300, 60, 160), 0, 0.9f, true, true, 9, TimeSpan.Zero)];
        var renderer = new LiveViewRenderer();
        var jpeg = renderer.Render(EventTestData.FootageFrame, tracks, scene, 384);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            _ = renderer.Render(EventTestData.FootageFrame, tracks, scene, 480);
        }

        output.WriteLine($"a 480-pixel live picture of a 768x576 frame (mask, zone, line, box, JPEG): {clock.Elapsed.TotalMilliseconds / 20:F2} ms");
        using var picture = Cv2.ImDecode(jpeg, ImreadModes.Color);
        Assert.Equal(new Size(384, 288), picture.Size());
        using var raw = new Mat();
        Cv2.Resize(EventTestData.FootageFrame, raw, picture.Size(), 0, 0, InterpolationFlags.Area);

        Assert.True(Detail(picture, new Rect(20, 15, 100, 50)) < 4, $"mask detail {Detail(picture, new Rect(20, 15, 100, 50)):F2}");
        var zone = new Rect(160, 160, 80, 80);   // inside the zone, halved
        Assert.True(Mean(picture, zone).Val0 - Mean(raw, zone).Val0 > 20, "the zone is tinted (blue-green)");
        var line = picture.At<Vec3b>(200, 300);   // on the line x = 600 / 2, away from its arrow and labels
        Assert.True(line.Item2 > 150 && line.Item2 > line.Item0 + 60, $"line pixel {line}");
        var boxEdge = picture.At<Vec3b>(200, 50);  // left edge of the track's box (x = 100 / 2)
        Assert.True(boxEdge.Item1 > 150 && boxEdge.Item2 < 100, $"box edge {boxEdge}");
    }

    /// <summary>Mean absolute Laplacian: how much fine detail an area holds.</summary>
    internal static double Detail(Mat image, Rect area)
    {
        using var roi = new Mat(image, area);
        using var grey = new Mat();
        Cv2.CvtColor(roi, grey, ColorConversionCodes.BGR2GRAY);
        using var laplacian = new Mat();
        Cv2.Laplacian(grey, laplacian, MatType.CV_32F);
        using var magnitude = new Mat();
        Cv2.Absdiff(laplacian, Scalar.All(0), magnitude);
        return Cv2.Mean(magnitude).Val0;
    }

    internal static double MeanDifference(Mat a, Mat b, Rect area)
    {
        using var x = new Mat(a, area);
        using var y = new Mat(b, area);
        using var diff = new Mat();
        Cv2.Absdiff(x, y, diff);
        var mean = Cv2.Mean(diff);
        return (mean.Val0 + mean.Val1 + mean.Val2) / 3;
    }

    private static Scalar Mean(Mat image, Rect area)
    {
        using var roi = new Mat(image, area);
        return Cv2.Mean(roi);
    }
}
