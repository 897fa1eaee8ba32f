namespace Watchpost.Behaviours;

/// <summary>
/// One configured rule on one camera. Pure: it sees the frame's stream time and the camera's tracks, keeps its own
/// state, and reports lifecycle signals (an episode started, changed, ended); no I/O, no wall clock. Arming,
/// schedules, cooldowns and event ids are applied around it by <see cref="CameraRuleEngine"/>.
/// </summary>
public interface IBehaviourRule
{
    /// <summary>Who the rule is: id, type, camera, severity, the zone or line it watches.</summary>
    RuleIdentity Identity { get; }

    /// <summary>True when the rule reads <see cref="RuleFrame.Motion"/> (the pipeline computes it only then).</summary>
    bool NeedsMotion => false;

    /// <summary>Advances the rule by one frame and appends what happened to <paramref name="into"/>.</summary>
    void Evaluate(in RuleFrame frame, List<RuleSignal> into);
}
