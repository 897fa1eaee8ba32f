namespace Watchpost.Evaluation;

/// <summary>How one rule did against the events the ground truth implies.</summary>
/// <param name="Precision">Matched / raised; null when the rule raised nothing.</param>
/// <param name="Recall">Matched / true; null when the ground truth implies no event.</param>
public sealed record RuleScore(string Rule, string Type, int True, int Raised, int Matched, double? Precision, double? Recall);
