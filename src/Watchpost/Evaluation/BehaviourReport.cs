namespace Watchpost.Evaluation;

/// <summary>The one JSON line `eval behaviour` prints.</summary>
/// <param name="Fps">The frame rate given with --fps; null when each video's own rate was used.</param>
/// <param name="Rules">Precision and recall per rule against ground truth (--gt); null without it.</param>
/// <param name="Clips">Clip-detector scores (--labels-csv / --positive-pattern); null without labels.</param>
public sealed record BehaviourReport(
    int Videos,
    int Frames,
    double? Fps,
    int Events,
    double Seconds,
    double? ToleranceS,
    IReadOnlyList<RuleScore>? Rules,
    IReadOnlyList<ClipScore>? Clips,
    IReadOnlyDictionary<string, int> EventsByRule)
{
    /// <summary>Frames the motion gate (--motion) kept from the detector, all videos together; absent without it.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public long? FramesGated { get; init; }
}
