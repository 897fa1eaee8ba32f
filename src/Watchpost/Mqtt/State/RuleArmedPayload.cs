namespace Watchpost.Mqtt.State;

/// <summary>Retained on <c>rules/&lt;id&gt;/armed</c>: whether the rule raises events now, and if not, why.</summary>
/// <param name="Status">armed, disabled, disarmed_by_operator or outside_schedule.</param>
/// <param name="DisarmedBy">The operators' disarms that cover the rule now (empty when none).</param>
public sealed record RuleArmedPayload(
    string Rule,
    string Type,
    string? Camera,
    bool Armed,
    string Status,
    bool InSchedule,
    IReadOnlyList<DisarmPayload> DisarmedBy,
    DateTime UpdatedAt);
