using Watchpost.Detection;
using Watchpost.Detection.Decoding;

namespace Watchpost.Tests.Detection.Decoding;

public class NonMaxSuppressionTests
{
    [Fact]
    public void Keeps_the_best_of_overlapping_boxes_of_one_class()
    {
        var kept = NonMaxSuppression.Apply(
            [Person(0, 0, 0.6f), Person(2, 2, 0.9f), Person(4, 0, 0.7f)],
            iouThreshold: 0.45f);

        var best = Assert.Single(kept);
        Assert.Equal(0.9f, best.Score);
    }

    [Fact]
    public void Keeps_overlapping_boxes_of_different_classes()
    {
        var person = Person(0, 0, 0.9f);
        var bicycle = person with { ClassId = 1, Score = 0.8f };

        var kept = NonMaxSuppression.Apply([bicycle, person], iouThreshold: 0.45f);

        Assert.Equal([0, 1], kept.Select(d => d.ClassId));
    }

    [Fact]
    public void Keeps_boxes_of_one_class_that_overlap_less_than_the_threshold()
    {
        // 100x100 boxes 60 apart: intersection 40x100, IoU = 4000 / 16000 = 0.25.
        var kept = NonMaxSuppression.Apply([Person(0, 0, 0.9f), Person(60, 0, 0.8f)], iouThreshold: 0.45f);

        Assert.Equal(2, kept.Count);
        Assert.Single(NonMaxSuppression.Apply([Person(0, 0, 0.9f), Person(60, 0, 0.8f)], iouThreshold: 0.2f));
    }

    [Fact]
    public void Returns_the_kept_boxes_best_first()
    {
        var kept = NonMaxSuppression.Apply([Person(0, 0, 0.5f), Person(500, 0, 0.9f), Person(1000, 0, 0.7f)], 0.45f);

        Assert.Equal([0.9f, 0.7f, 0.5f], kept.Select(d => d.Score));
    }

    private static DetectedObject Person(float x, float y, float score) => new(new BoundingBox(x, y, 100, 100), 0, score);
}
