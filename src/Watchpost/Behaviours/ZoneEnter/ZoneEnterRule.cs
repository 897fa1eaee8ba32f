using Watchpost.Behaviours.Geometry;

namespace Watchpost.Behaviours.ZoneEnter;

/// <summary>
/// Fires when an object's ground point goes from outside the zone to inside: an instantaneous event, so its
/// start and end are reported on the same frame. Only an object that was seen outside first counts; one that
/// appears inside (a track born there, or a new id after an identity switch inside the zone) has entered
/// nothing that the camera saw. <see cref="ZoneStays"/> gives the hysteresis: an object flickering at the
/// edge stays one stay, so it enters once.
/// </summary>
public sealed class ZoneEnterRule : IBehaviourRule
{
    private readonly ZoneStays _stays;

    public ZoneEnterRule(ZoneEnterRuleOptions options, RuleContext context)
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
        var begun = _stays.Begun;
        for (var i = 0; i < begun.Count; i++)
        {
            var stay = begun[i];
            if (!stay.CameFromOutside)
            {
                continue;
            }

            var started = _stays.Signal(RulePhase.Started, stay, stay.EnteredAt, new Dictionary<string, object> { ["zone"] = Identity.ZoneId! });
            into.Add(started);
            into.Add(started with { Phase = RulePhase.Ended });
        }
    }
}
