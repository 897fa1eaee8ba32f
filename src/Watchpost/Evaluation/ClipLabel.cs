namespace Watchpost.Evaluation;

/// <summary>What a clip truly shows: the behaviour or not, and when it is labelled as happening (null = somewhere in the clip).</summary>
public sealed record ClipLabel(bool Positive, double? FromS = null, double? ToS = null);
