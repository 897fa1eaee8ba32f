namespace Watchpost.Behaviours;

/// <summary>The run-time arm / disarm state that operators set (MQTT commands, the console); schedules are applied separately.</summary>
public interface IRuleArming
{
    /// <summary>False when an operator has disarmed this rule, its zone or line, its camera or everything.</summary>
    bool IsArmed(RuleIdentity rule);
}
