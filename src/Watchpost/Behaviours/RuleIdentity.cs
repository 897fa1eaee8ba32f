namespace Watchpost.Behaviours;

/// <summary>What every event of a rule carries about the rule itself.</summary>
/// <param name="ZoneId">The zone the rule watches, or null.</param>
/// <param name="LineId">The line the rule watches, or null.</param>
public sealed record RuleIdentity(string RuleId, string Type, string CameraId, string Severity, string? ZoneId, string? LineId);
