using Watchpost.Detection;
using Watchpost.Detection.Decoding;

namespace Watchpost.Tests.Detection.Decoding;

public class YoloxDecoderTests
{
    private const int Classes = 3;
    private const int Width = 5 + Classes;

    // 416x416: 52x52 anchors of stride 8, then 26x26 of stride 16, then 13x13 of stride 32.
    private static readonly int[] Shape = [1, 3549, Width];

    [Fact]
    public void Decodes_a_known_anchor_into_a_box_in_frame_pixels()
    {
        var output = new float[3549 * Width];
        var anchor = 5 * 52 + 10; // stride 8, grid (10, 5)
        Set(output, anchor, 0.5f, 0.5f, MathF.Log(4), MathF.Log(8), objectness: 0.9f, classScores: [0.1f, 0.2f, 0.8f]);

        var found = Decode(output, scale: 0.5f, thresholds: [0.5f, 0.5f, 0.5f]);

        // cx = (0.5 + 10) * 8 = 84, cy = (0.5 + 5) * 8 = 44, w = 4 * 8 = 32, h = 8 * 8 = 64 in model pixels; / 0.5 for the frame.
        var d = Assert.Single(found);
        Assert.Equal(2, d.ClassId);
        Assert.Equal(0.72f, d.Score, 4);
        AssertBox(new BoundingBox(136, 24, 64, 128), d.Box);
    }

    [Fact]
    public void Uses_the_stride_of_the_anchor_s_grid()
    {
        var output = new float[3549 * Width];
        var anchor = 52 * 52 + 26 * 26 + 13 * 3 + 2; // stride 32, grid (2, 3)
        Set(output, anchor, 0f, 0f, 0f, 0f, objectness: 1f, classScores: [0.9f, 0f, 0f]);

        var d = Assert.Single(Decode(output, scale: 1f, thresholds: [0.5f, 0.5f, 0.5f]));

        AssertBox(new BoundingBox(2 * 32 - 16, 3 * 32 - 16, 32, 32), d.Box);
    }

    [Fact]
    public void Applies_per_class_thresholds_to_objectness_times_class_score()
    {
        var output = new float[3549 * Width];
        Set(output, 0, 0, 0, 0, 0, objectness: 0.8f, classScores: [0.5f, 0f, 0f]); // person 0.40
        Set(output, 1, 0, 0, 0, 0, objectness: 0.8f, classScores: [0f, 0.5f, 0f]); // class 1 0.40

        var found = Decode(output, 1f, thresholds: [0.3f, 0.6f, 0.5f]);

        Assert.Equal(0, Assert.Single(found).ClassId);
    }

    [Fact]
    public void An_excluded_class_gives_way_to_the_anchor_s_best_included_class()
    {
        var output = new float[3549 * Width];
        Set(output, 0, 0, 0, 0, 0, objectness: 1f, classScores: [0.6f, 0.9f, 0f]);

        var found = Decode(output, 1f, thresholds: [0.5f, float.PositiveInfinity, 0.5f]);

        var d = Assert.Single(found);
        Assert.Equal(0, d.ClassId);
        Assert.Equal(0.6f, d.Score, 4);
    }

    [Fact]
    public void Rejects_an_output_of_another_shape()
    {
        var decoder = new YoloxDecoder(416, 416, Classes);
        var e = Assert.Throws<InvalidDataException>(() =>
            decoder.Decode(new float[8400 * Width], [1, 8400, Width], 1f, [0.5f, 0.5f, 0.5f], []));
        Assert.Contains("expected [1, 3549, 8]", e.Message, StringComparison.Ordinal);
    }

    private static List<DetectedObject> Decode(float[] output, float scale, float[] thresholds)
    {
        var into = new List<DetectedObject>();
        new YoloxDecoder(416, 416, Classes).Decode(output, Shape, scale, thresholds, into);
        return into;
    }

    private static void Set(float[] output, int anchor, float x, float y, float w, float h, float objectness, float[] classScores)
    {
        var row = output.AsSpan(anchor * Width, Width);
        row[0] = x;
        row[1] = y;
        row[2] = w;
        row[3] = h;
        row[4] = objectness;
        classScores.CopyTo(row[5..]);
    }

    internal static void AssertBox(BoundingBox expected, BoundingBox actual)
    {
        Assert.Equal(expected.X, actual.X, 3);
        Assert.Equal(expected.Y, actual.Y, 3);
        Assert.Equal(expected.Width, actual.Width, 3);
        Assert.Equal(expected.Height, actual.Height, 3);
    }
}
