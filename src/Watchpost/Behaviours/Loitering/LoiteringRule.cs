using Watchpost.Behaviours.Geometry;

namespace Watchpost.Behaviours.Loitering;

/// <summary>
/// Fires once per stay when one object has been in the zone for <c>dwellSeconds</c>, moving or not. The stay
/// is <see cref="ZoneStays"/>'s: brief exits and misses of under its exit grace (1 s) do not end it, so the dwell
/// keeps counting through them. The event starts when the dwell is reached, updates with the growing dwell
/// (at most once a second from here; the engine throttles too) and ends when the object has left, with the
/// final dwell.
/// </summary>
public sealed class LoiteringRule : IBehaviourRule
{
    private static readonly TimeSpan UpdateEvery = TimeSpan.FromSeconds(1);

    private readonly ZoneStays _stays;
    private readonly TimeSpan _dwell;

    public LoiteringRule(LoiteringRuleOptions options, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        Identity = context.Identity(options);
        _stays = new ZoneStays(context.Polygon(options.Zone), context.Filter(options), ZoneRules.ExitGrace);
        _dwell = TimeSpan.FromSeconds(options.DwellSeconds);
    }

    public RuleIdentity Identity { get; }

    public void Evaluate(in RuleFrame frame, List<RuleSignal> into)
    {
        var now = frame.Timestamp;
        _stays.Update(frame);
        var ended = _stays.Ended;
        for (var i = 0; i < ended.Count; i++)
        {
            if (ended[i].Fired)
            {
                into.Add(Signal(RulePhase.Ended, ended[i], ended[i].LastInside));
            }
        }

        foreach (var stay in _stays.OpenStays)
        {
            if (!stay.Track.IsMatched || stay.LeftAt is not null)
            {
                continue;   // a predicted box is no sighting, and during a brief exit the object is not in the zone: wait
            }

            if (!stay.Fired && stay.Dwell(now) >= _dwell)
            {
                stay.Fired = true;
                stay.LastReported = now;
                into.Add(Signal(RulePhase.Started, stay, now));
            }
            else if (stay.Fired && now - stay.LastReported >= UpdateEvery)
            {
                // Only every second: the dwell changes every frame, and each signal allocates its details.
                stay.LastReported = now;
                into.Add(Signal(RulePhase.Updated, stay, now));
            }
        }
    }

    private RuleSignal Signal(RulePhase phase, ZoneStay stay, TimeSpan until) =>
        _stays.Signal(phase, stay, stay.EnteredAt, new Dictionary<string, object> { ["zone"] = Identity.ZoneId!, ["dwell_s"] = Math.Round(stay.Dwell(until).TotalSeconds, 2) });
}
