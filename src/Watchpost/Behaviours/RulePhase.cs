namespace Watchpost.Behaviours;

/// <summary>Where an episode (one intruder, one gathering, one fall) is in its life.</summary>
public enum RulePhase
{
    /// <summary>The rule fired: this becomes an event and an alert.</summary>
    Started,

    /// <summary>The episode goes on with new figures or a better view (best snapshot, count, dwell).</summary>
    Updated,

    /// <summary>The episode is over: the person left, the group dispersed, the fallen person got up.</summary>
    Ended,
}
