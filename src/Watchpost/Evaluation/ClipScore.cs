namespace Watchpost.Evaluation;

/// <summary>One rule scored as a clip detector: a positive clip is found when an event starts inside its labelled range (plus the slack).</summary>
public sealed record ClipScore(string Rule, string Type, int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives,
    double Accuracy, double? Precision, double? Recall, IReadOnlyList<ClipOutcome> Clips);

/// <summary>How one clip went: its label, the first event that counted (or the first event at all), and whether the rule was right.</summary>
public sealed record ClipOutcome(string Video, bool Positive, double? FromS, double? ToS, double? EventS, bool Correct);
