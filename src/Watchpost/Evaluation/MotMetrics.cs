using Watchpost.Tracking;

namespace Watchpost.Evaluation;

/// <summary>
/// CLEAR-MOT (Bernardin and Stiefelhagen, 2008) and IDF1 (Ristani et al., 2016) as py-motmetrics computes them:
/// a ground-truth box and a hypothesis match when their IoU is at least the threshold; each frame keeps the
/// previous frame's matches that are still valid, then pairs the rest by an optimal assignment that first
/// maximises the number of matches and then their IoU; a ground-truth object matched to a different hypothesis than
/// at its last match is an ID switch. IDF1 pairs whole trajectories one-to-one so that the number of frames where
/// paired boxes match is greatest.
/// </summary>
public static class MotMetrics
{
    /// <summary>Scores <paramref name="hypotheses"/> against <paramref name="groundTruth"/> (conf-0 rows already removed).</summary>
    /// <param name="falsePositives">When given, receives every unmatched hypothesis box, for analysis.</param>
    /// <param name="misses">When given, receives every unmatched ground-truth box.</param>
    public static MotMetricsReport Compute(
        IReadOnlyList<MotBox> groundTruth,
        IReadOnlyList<MotBox> hypotheses,
        double iouThreshold = 0.5,
        ICollection<MotBox>? falsePositives = null,
        ICollection<MotBox>? misses = null)
    {
        ArgumentNullException.ThrowIfNull(groundTruth);
        ArgumentNullException.ThrowIfNull(hypotheses);
        var gtByFrame = groundTruth.ToLookup(b => b.Frame);
        var hypByFrame = hypotheses.ToLookup(b => b.Frame);
        var frames = gtByFrame.Select(g => g.Key).Union(hypByFrame.Select(g => g.Key)).Order().ToList();

        var gtIds = groundTruth.Select(b => b.Id).Distinct().Order().ToList();
        var hypIds = hypotheses.Select(b => b.Id).Distinct().Order().ToList();
        var gtIndex = gtIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var hypIndex = hypIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var overlapFrames = new int[gtIds.Count, hypIds.Count]; // frames where the pair's IoU passes: IDF1's input

        var lastMatch = new Dictionary<int, int>(); // ground-truth id -> hypothesis id at its last match
        int matchCount = 0, falsePositiveCount = 0, missCount = 0, switches = 0;
        double iouSum = 0;
        foreach (var frame in frames)
        {
            var gts = gtByFrame[frame].ToList();
            var hyps = hypByFrame[frame].ToList();
            var iou = new double[gts.Count, hyps.Count];
            for (var g = 0; g < gts.Count; g++)
            {
                for (var h = 0; h < hyps.Count; h++)
                {
                    iou[g, h] = gts[g].Box.IntersectionOverUnion(hyps[h].Box);
                    if (iou[g, h] >= iouThreshold)
                    {
                        overlapFrames[gtIndex[gts[g].Id], hypIndex[hyps[h].Id]]++;
                    }
                }
            }

            var gtTaken = new bool[gts.Count];
            var hypTaken = new bool[hyps.Count];
            var pairs = new List<(int G, int H)>();

            // Matches from the previous frames that still hold are kept, so an id does not flip on a small IoU change.
            for (var g = 0; g < gts.Count; g++)
            {
                if (!lastMatch.TryGetValue(gts[g].Id, out var previous))
                {
                    continue;
                }

                var h = hyps.FindIndex(b => b.Id == previous);
                if (h >= 0 && !hypTaken[h] && iou[g, h] >= iouThreshold)
                {
                    gtTaken[g] = hypTaken[h] = true;
                    pairs.Add((g, h));
                }
            }

            var freeGt = Enumerable.Range(0, gts.Count).Where(g => !gtTaken[g]).ToList();
            var freeHyp = Enumerable.Range(0, hyps.Count).Where(h => !hypTaken[h]).ToList();
            if (freeGt.Count > 0 && freeHyp.Count > 0)
            {
                // Invalid pairs cost more than any set of valid ones, so the assignment has as many matches as possible.
                var invalid = 2.0 * (Math.Min(freeGt.Count, freeHyp.Count) + 1);
                var cost = new double[freeGt.Count, freeHyp.Count];
                for (var i = 0; i < freeGt.Count; i++)
                {
                    for (var j = 0; j < freeHyp.Count; j++)
                    {
                        var value = iou[freeGt[i], freeHyp[j]];
                        cost[i, j] = value >= iouThreshold ? 1 - value : invalid;
                    }
                }

                var assignment = LinearAssignment.Solve(cost);
                for (var i = 0; i < freeGt.Count; i++)
                {
                    var j = assignment[i];
                    if (j >= 0 && cost[i, j] < invalid)
                    {
                        var (g, h) = (freeGt[i], freeHyp[j]);
                        if (lastMatch.TryGetValue(gts[g].Id, out var previous) && previous != hyps[h].Id)
                        {
                            switches++;
                        }

                        pairs.Add((g, h));
                        gtTaken[g] = hypTaken[h] = true;
                    }
                }
            }

            foreach (var (g, h) in pairs)
            {
                lastMatch[gts[g].Id] = hyps[h].Id;
                iouSum += iou[g, h];
            }

            matchCount += pairs.Count;
            missCount += gts.Count - pairs.Count;
            falsePositiveCount += hyps.Count - pairs.Count;
            Collect(hyps, hypTaken, falsePositives);
            Collect(gts, gtTaken, misses);
        }

        return new MotMetricsReport(
            Frames: frames.Count,
            GroundTruthCount: groundTruth.Count,
            HypothesisCount: hypotheses.Count,
            Matches: matchCount,
            FalsePositives: falsePositiveCount,
            Misses: missCount,
            IdSwitches: switches,
            IouSum: iouSum,
            IdTruePositives: IdentityTruePositives(overlapFrames),
            GroundTruthTrajectories: gtIds.Count,
            HypothesisTrajectories: hypIds.Count);
    }

    private static void Collect(List<MotBox> boxes, bool[] taken, ICollection<MotBox>? into)
    {
        if (into is null)
        {
            return;
        }

        for (var i = 0; i < boxes.Count; i++)
        {
            if (!taken[i])
            {
                into.Add(boxes[i]);
            }
        }
    }

    /// <summary>IDTP: the most matching frames a one-to-one pairing of whole trajectories can collect.</summary>
    private static int IdentityTruePositives(int[,] overlapFrames)
    {
        int rows = overlapFrames.GetLength(0), cols = overlapFrames.GetLength(1);
        var cost = new double[rows, cols];
        for (var g = 0; g < rows; g++)
        {
            for (var h = 0; h < cols; h++)
            {
                cost[g, h] = -overlapFrames[g, h];
            }
        }

        var assignment = LinearAssignment.Solve(cost);
        var total = 0;
        for (var g = 0; g < rows; g++)
        {
            if (assignment[g] >= 0)
            {
                total += overlapFrames[g, assignment[g]];
            }
        }

        return total;
    }
}
