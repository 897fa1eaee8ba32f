using Watchpost.Behaviours.Geometry;

namespace Watchpost.Behaviours.Intrusion;

/// <summary>
/// Fires once per stay when an object's ground point has been inside the zone for <c>durationSeconds</c>; the
/// event ends when the object has left (see <see cref="ZoneStays"/> for the hysteresis).
/// </summary>
public sealed class IntrusionRule : IBehaviourRule
{
    private readonly ZoneStays _stays;
    private readonly TimeSpan _duration;

    public IntrusionRule(IntrusionRuleOptions options, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        Identity = context.Identity(options);
        _stays = new ZoneStays(context.Polygon(options.Zone), context.Filter(options), ZoneRules.ExitGrace);
        _duration = TimeSpan.FromSeconds(options.DurationSeconds);
    }

    public RuleIdentity Identity { get; }

    // Fires only on a sighting inside: during the exit grace of a stay the object is out, and the stay may be over.
    public void Evaluate(in RuleFrame frame, List<RuleSignal> into)
    {
        _stays.Update(frame);
        var ended = _stays.Ended;
        for (var i = 0; i < ended.Count; i++)
        {
            var stay = ended[i];
            if (stay.Fired)
            {
                into.Add(Signal(RulePhase.Ended, stay, stay.LastInside));
            }
        }

        foreach (var stay in _stays.OpenStays)
        {
            if (!stay.Fired && stay.Track.IsMatched && stay.LeftAt is null && stay.Dwell(frame.Timestamp) >= _duration)
            {
                stay.Fired = true;
                into.Add(Signal(RulePhase.Started, stay, frame.Timestamp));
            }
        }
    }

    private RuleSignal Signal(RulePhase phase, ZoneStay stay, TimeSpan now) =>
        _stays.Signal(phase, stay, stay.EnteredAt, new Dictionary<string, object> { ["zone"] = Identity.ZoneId!, ["duration_s"] = Math.Round(stay.Dwell(now).TotalSeconds, 2) });
}
