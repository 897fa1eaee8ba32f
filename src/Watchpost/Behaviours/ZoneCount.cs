namespace Watchpost.Behaviours;

/// <summary>How many objects are in one zone now, in total and by class name (classes with nobody are left out).</summary>
/// <param name="UpdatedAt">Stream time of the frame the counts are from.</param>
public sealed record ZoneCount(string ZoneId, int Total, IReadOnlyDictionary<string, int> ByClass, TimeSpan UpdatedAt);
