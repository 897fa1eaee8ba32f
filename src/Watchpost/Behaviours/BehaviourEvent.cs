using Watchpost.Tracking;

namespace Watchpost.Behaviours;

/// <summary>A rule that fired on one track in one frame.</summary>
/// <param name="Timestamp">The frame's stream time.</param>
/// <param name="DurationInside">How long the object had been in the zone when the rule fired.</param>
public sealed record BehaviourEvent(
    string Type,
    string RuleId,
    string Severity,
    string CameraId,
    string ZoneId,
    string ClassName,
    Track Track,
    TimeSpan Timestamp,
    TimeSpan DurationInside);
