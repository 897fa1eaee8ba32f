namespace Watchpost.Evaluation;

/// <summary>CLEAR-MOT and identity counts of one evaluation, with the scores derived from them.</summary>
/// <param name="GroundTruthCount">Ground-truth boxes that count (conf-0 rows excluded).</param>
/// <param name="HypothesisCount">Hypothesis (track) boxes.</param>
/// <param name="Matches">Ground-truth boxes matched to a hypothesis at IoU &gt;= the threshold.</param>
/// <param name="IouSum">Sum of the IoU of those matches.</param>
/// <param name="IdTruePositives">Boxes matched by the global one-to-one trajectory assignment (IDTP).</param>
public sealed record MotMetricsReport(
    int Frames,
    int GroundTruthCount,
    int HypothesisCount,
    int Matches,
    int FalsePositives,
    int Misses,
    int IdSwitches,
    double IouSum,
    int IdTruePositives,
    int GroundTruthTrajectories,
    int HypothesisTrajectories)
{
    /// <summary>1 - (misses + false positives + id switches) / ground-truth boxes.</summary>
    public double Mota => GroundTruthCount == 0 ? 0 : 1.0 - (double)(Misses + FalsePositives + IdSwitches) / GroundTruthCount;

    /// <summary>Mean IoU of the matched pairs (higher is better; py-motmetrics reports 1 - this as a distance).</summary>
    public double Motp => Matches == 0 ? 0 : IouSum / Matches;

    public double Precision => Matches + FalsePositives == 0 ? 0 : (double)Matches / (Matches + FalsePositives);

    public double Recall => GroundTruthCount == 0 ? 0 : (double)Matches / GroundTruthCount;

    /// <summary>2 IDTP / (ground-truth boxes + hypothesis boxes) (Ristani et al., 2016).</summary>
    public double Idf1 => GroundTruthCount + HypothesisCount == 0 ? 0 : 2.0 * IdTruePositives / (GroundTruthCount + HypothesisCount);

    public double IdPrecision => HypothesisCount == 0 ? 0 : (double)IdTruePositives / HypothesisCount;

    public double IdRecall => GroundTruthCount == 0 ? 0 : (double)IdTruePositives / GroundTruthCount;
}
