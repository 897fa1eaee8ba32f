namespace Watchpost.Behaviours;

/// <summary>Whether a rule raises events now, and if not, why.</summary>
public enum RuleArmingStatus
{
    /// <summary>It raises events.</summary>
    Armed,

    /// <summary>"enabled": false in the site file.</summary>
    Disabled,

    /// <summary>An operator disarmed it, its zone or line, its camera or everything.</summary>
    DisarmedByOperator,

    /// <summary>Its schedule has no window now.</summary>
    OutsideSchedule,
}
