namespace Watchpost.Behaviours;

/// <summary>
/// A lifecycle step of an event, as <see cref="CameraRuleEngine"/> lets it through: the rule's signal with the
/// event id it was given when the rule fired (the same id for its updates and its end).
/// </summary>
/// <param name="Timestamp">Stream time of the frame the step happened on.</param>
public sealed record BehaviourEvent(string EventId, RuleIdentity Rule, RuleSignal Signal, TimeSpan Timestamp)
{
    public RulePhase Phase => Signal.Phase;
}
