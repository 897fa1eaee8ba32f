using Watchpost.Behaviours.Geometry;

namespace Watchpost.Behaviours.ZoneExit;

/// <summary>
/// Fires when an object's ground point goes from inside the zone to outside and stays out: an instantaneous
/// event (start and end on the same frame). The exit is known only once the object has been outside for the
/// exit grace of <see cref="ZoneStays"/> (so an object flickering at the edge leaves once), so the rule fires
/// that much after the step out; the signal's <see cref="RuleSignal.StartedAt"/> is the first observation
/// outside. An object lost from view inside the zone (occlusion, a door, an identity switch) has not been seen
/// leaving and does not fire.
/// </summary>
public sealed class ZoneExitRule : IBehaviourRule
{
    private readonly ZoneStays _stays;

    public ZoneExitRule(ZoneExitRuleOptions options, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        Identity = context.Identity(options);
        _stays = new ZoneStays(context.Polygon(options.Zone), context.Filter(options), ZoneRules.ExitGrace);
    }

    public RuleIdentity Identity { get; }

    public void Evaluate(in RuleFrame frame, List<RuleSignal> into)
    {
        _stays.Update(frame);
        var ended = _stays.Ended;
        for (var i = 0; i < ended.Count; i++)
        {
            var stay = ended[i];
            if (stay.LeftAt is not { } leftAt)
            {
                continue;
            }

            var started = _stays.Signal(RulePhase.Started, stay, leftAt, new Dictionary<string, object>
                {
                    ["zone"] = Identity.ZoneId!,
                    ["dwell_s"] = Math.Round((stay.LastInside - stay.EnteredAt).TotalSeconds, 2),
                });
            into.Add(started);
            into.Add(started with { Phase = RulePhase.Ended });
        }
    }
}
