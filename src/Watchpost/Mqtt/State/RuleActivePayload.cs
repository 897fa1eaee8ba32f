namespace Watchpost.Mqtt.State;

/// <summary>Retained on <c>rules/&lt;id&gt;/active</c>: true while an event of the rule is open (started, not ended).</summary>
/// <param name="OpenEvents">The ids of the rule's open events, oldest first.</param>
public sealed record RuleActivePayload(string Rule, bool Active, IReadOnlyList<string> OpenEvents, DateTime UpdatedAt);
