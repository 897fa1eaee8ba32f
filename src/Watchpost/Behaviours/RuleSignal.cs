using Watchpost.Detection;

namespace Watchpost.Behaviours;

/// <summary>One lifecycle step that a rule reports.</summary>
/// <param name="Key">Names the episode within the rule (the track id for per-object rules, a counter for group rules), so that its updates and end can be matched to its start.</param>
/// <param name="TrackId">The object the episode is about, or null (a gathering).</param>
/// <param name="ClassName">The object's class ("person"); for a group, the class of its members.</param>
/// <param name="Box">Where to look: the object's box, or the box around a group.</param>
/// <param name="Score">Detection score of the object (the group's best member's).</param>
/// <param name="StartedAt">Stream time the episode began (e.g. when the object entered the zone), not when the rule fired.</param>
/// <param name="Details">Rule-specific figures for the alert's "details": snake_case keys, values string, double, long or bool.</param>
public readonly record struct RuleSignal(
    RulePhase Phase,
    long Key,
    int? TrackId,
    string ClassName,
    BoundingBox Box,
    float Score,
    TimeSpan StartedAt,
    IReadOnlyDictionary<string, object> Details);
