using Watchpost.Detection;
using Watchpost.Evaluation;

namespace Watchpost.Tests.Evaluation;

public class MotMetricsTests
{
    [Fact]
    public void Perfect_tracks_score_one_everywhere()
    {
        var gt = Walk(id: 1, first: 1, last: 6, x: 100).Concat(Walk(id: 2, first: 1, last: 6, x: 400)).ToList();
        var hyp = Walk(id: 7, first: 1, last: 6, x: 100).Concat(Walk(id: 9, first: 1, last: 6, x: 400)).ToList();

        var report = MotMetrics.Compute(gt, hyp);

        Assert.Equal(1.0, report.Mota, 9);
        Assert.Equal(1.0, report.Idf1, 9);
        Assert.Equal(1.0, report.Motp, 6);
        Assert.Equal(1.0, report.Precision, 9);
        Assert.Equal(1.0, report.Recall, 9);
        Assert.Equal(0, report.IdSwitches);
        Assert.Equal(12, report.Matches);
    }

    [Fact]
    public void A_change_of_hypothesis_id_is_one_switch_and_halves_IDF1()
    {
        var gt = Walk(id: 1, first: 1, last: 6, x: 100).ToList();
        var hyp = Walk(id: 10, first: 1, last: 3, x: 100).Concat(Walk(id: 20, first: 4, last: 6, x: 100)).ToList();

        var report = MotMetrics.Compute(gt, hyp);

        Assert.Equal(1, report.IdSwitches);
        Assert.Equal(1 - 1.0 / 6, report.Mota, 9);
        Assert.Equal(3, report.IdTruePositives);
        Assert.Equal(2.0 * 3 / (6 + 6), report.Idf1, 9);
    }

    [Fact]
    public void Misses_and_false_positives_are_counted()
    {
        var gt = Walk(id: 1, first: 1, last: 4, x: 100).Concat(Walk(id: 2, first: 1, last: 4, x: 400)).ToList();
        var hyp = Walk(id: 1, first: 1, last: 4, x: 100)
            .Concat(Walk(id: 2, first: 1, last: 4, x: 400).Where(b => b.Frame != 2))   // object 2 missed in frame 2
            .Append(Box(frame: 3, id: 3, x: 650))                                  // nothing there
            .Append(Box(frame: 4, id: 4, x: 100 + 3 * 5 + 30))                     // too far off object 1 (IoU < 0.5)
            .ToList();
        var falsePositives = new List<MotBox>();
        var misses = new List<MotBox>();

        var report = MotMetrics.Compute(gt, hyp, falsePositives: falsePositives, misses: misses);

        Assert.Equal(1, report.Misses);
        Assert.Equal(2, report.FalsePositives);
        Assert.Equal(1 - 3.0 / 8, report.Mota, 9);
        Assert.Equal(7.0 / 9, report.Precision, 9);
        Assert.Equal(7.0 / 8, report.Recall, 9);
        Assert.Equal([(2, 2)], misses.Select(b => (b.Frame, b.Id)));
        Assert.Equal([(3, 3), (4, 4)], falsePositives.Select(b => (b.Frame, b.Id)).Order());
    }

    [Fact]
    public void A_still_valid_match_is_kept_even_when_another_hypothesis_fits_better()
    {
        var gt = Walk(id: 1, first: 1, last: 3, x: 100).ToList();
        var hyp = Walk(id: 5, first: 1, last: 3, x: 100).Select(b => b with { Box = b.Box with { X = b.Box.X + 8 } }).ToList(); // IoU ~0.67
        hyp.AddRange(Walk(id: 6, first: 2, last: 3, x: 100));                                                                // exact, from frame 2

        var report = MotMetrics.Compute(gt, hyp);

        Assert.Equal(0, report.IdSwitches);
        Assert.Equal(2, report.FalsePositives); // id 6 in frames 2 and 3
        Assert.Equal(3, report.Matches);
    }

    [Fact]
    public void Motp_is_the_mean_iou_of_the_matches()
    {
        var gt = new List<MotBox> { Box(1, 1, 100), Box(2, 1, 100) };
        var hyp = new List<MotBox> { Box(1, 1, 100), Box(2, 1, 100) with { Box = new BoundingBox(100, 200, 40, 50) } }; // IoU 0.5

        var report = MotMetrics.Compute(gt, hyp);

        Assert.Equal(2, report.Matches);
        Assert.Equal(0.75, report.Motp, 6);
    }

    [Fact]
    public void IDF1_pairs_whole_trajectories_one_to_one()
    {
        // One hypothesis follows object 1 for 3 frames, then object 2 for 5: it can be credited to only one of them.
        var gt = Walk(id: 1, first: 1, last: 3, x: 100).Concat(Walk(id: 2, first: 4, last: 8, x: 400)).ToList();
        var hyp = Walk(id: 1, first: 1, last: 3, x: 100).Concat(Walk(id: 1, first: 4, last: 8, x: 400)).ToList();

        var report = MotMetrics.Compute(gt, hyp);

        Assert.Equal(0, report.IdSwitches);
        Assert.Equal(1.0, report.Mota, 9);
        Assert.Equal(5, report.IdTruePositives);
        Assert.Equal(2.0 * 5 / 16, report.Idf1, 9);
    }

    [Fact]
    public void Ignored_ground_truth_rows_count_neither_as_misses_nor_as_matches()
    {
        var text = "1,1,100,200,40,100,1,-1,-1,-1\n2,1,105,200,40,100,0,-1,-1,-1\n3,1,110,200,40,100,1,-1,-1,-1\n";
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, text);
            var gt = MotChallengeFile.ReadGroundTruth(path);

            var report = MotMetrics.Compute(gt, [Box(1, 4, 100), Box(3, 4, 110)]);

            Assert.Equal([1, 3], gt.Select(b => b.Frame));
            Assert.Equal(2, report.GroundTruthCount);
            Assert.Equal(0, report.Misses);
            Assert.Equal(1.0, report.Mota, 9);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>An object walking 5 px a frame to the right, one box per frame from <paramref name="first"/> to <paramref name="last"/>.</summary>
    private static IEnumerable<MotBox> Walk(int id, int first, int last, float x) =>
        Enumerable.Range(first, last - first + 1).Select(f => Box(f, id, x + 5 * (f - 1)));

    private static MotBox Box(int frame, int id, float x) => new(frame, id, new BoundingBox(x, 200, 40, 100));
}
