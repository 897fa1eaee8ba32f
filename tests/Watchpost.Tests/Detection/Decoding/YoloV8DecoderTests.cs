using Watchpost.Detection;
using Watchpost.Detection.Decoding;

namespace Watchpost.Tests.Detection.Decoding;

public class YoloV8DecoderTests
{
    private const int Classes = 3;
    private const int Anchors = 6;
    private static readonly int[] Shape = [1, 4 + Classes, Anchors];

    [Fact]
    public void Decodes_a_known_anchor_from_the_channel_major_layout()
    {
        var output = new float[(4 + Classes) * Anchors];
        Set(output, anchor: 4, cx: 100, cy: 60, w: 40, h: 80, classScores: [0.1f, 0.7f, 0.3f]);

        var found = Decode(output, scale: 0.5f, thresholds: [0.5f, 0.5f, 0.5f]);

        var d = Assert.Single(found);
        Assert.Equal(1, d.ClassId);
        Assert.Equal(0.7f, d.Score, 4);
        YoloxDecoderTests.AssertBox(new BoundingBox(160, 40, 80, 160), d.Box);
    }

    [Fact]
    public void Keeps_every_anchor_above_its_class_threshold_and_no_other()
    {
        var output = new float[(4 + Classes) * Anchors];
        Set(output, 0, 10, 10, 4, 4, [0.45f, 0f, 0f]);  // person, above its 0.4 threshold
        Set(output, 1, 20, 20, 4, 4, [0f, 0.55f, 0f]);  // class 1, below its 0.6 threshold
        Set(output, 2, 30, 30, 4, 4, [0f, 0f, 0.95f]);  // class 2, above 0.5
        Set(output, 3, 40, 40, 4, 4, [0.3f, 0f, 0f]);   // person, below

        var found = Decode(output, 1f, thresholds: [0.4f, 0.6f, 0.5f]);

        Assert.Equal([0, 2], found.Select(d => d.ClassId));
        Assert.Equal([8f, 28f], found.Select(d => d.Box.X));
    }

    [Fact]
    public void An_excluded_class_gives_way_to_the_anchor_s_best_included_class()
    {
        var output = new float[(4 + Classes) * Anchors];
        Set(output, 0, 10, 10, 4, 4, [0.6f, 0.9f, 0f]);

        var d = Assert.Single(Decode(output, 1f, thresholds: [0.5f, float.PositiveInfinity, 0.5f]));

        Assert.Equal(0, d.ClassId);
    }

    [Fact]
    public void Rejects_the_yolox_layout()
    {
        var e = Assert.Throws<InvalidDataException>(() =>
            new YoloV8Decoder(Classes).Decode(new float[6 * 8], [1, 6, 8], 1f, [0.5f, 0.5f, 0.5f], []));
        Assert.Contains("expected [1, 7, N]", e.Message, StringComparison.Ordinal);
    }

    private static List<DetectedObject> Decode(float[] output, float scale, float[] thresholds)
    {
        var into = new List<DetectedObject>();
        new YoloV8Decoder(Classes).Decode(output, Shape, scale, thresholds, into);
        return into;
    }

    private static void Set(float[] output, int anchor, float cx, float cy, float w, float h, float[] classScores)
    {
        float[] values = [cx, cy, w, h, .. classScores];
        for (var channel = 0; channel < values.Length; channel++)
        {
            output[channel * Anchors + anchor] = values[channel];
        }
    }
}
