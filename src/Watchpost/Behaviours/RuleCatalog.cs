using Watchpost.Behaviours.Fall;
using Watchpost.Behaviours.Fight;
using Watchpost.Behaviours.Gathering;
using Watchpost.Behaviours.Intrusion;
using Watchpost.Behaviours.LeftObject;
using Watchpost.Behaviours.LineCrossing;
using Watchpost.Behaviours.Loitering;
using Watchpost.Behaviours.ObjectRemoved;
using Watchpost.Behaviours.Running;
using Watchpost.Behaviours.ZoneEnter;
using Watchpost.Behaviours.ZoneExit;
using Watchpost.Configuration;

namespace Watchpost.Behaviours;

/// <summary>Every rule type, by the name the site file's "type" uses. A new rule type is one line here and a folder beside it.</summary>
public static class RuleCatalog
{
    private static readonly RuleType[] All =
    [
        new RuleType<IntrusionRuleOptions>("intrusion", (o, c) => new IntrusionRule(o, c)),
        new RuleType<FallRuleOptions>("fall", (o, c) => new FallRule(o, c)),
        new RuleType<ZoneEnterRuleOptions>("zone_enter", (o, c) => new ZoneEnterRule(o, c)),
        new RuleType<ZoneExitRuleOptions>("zone_exit", (o, c) => new ZoneExitRule(o, c)),
        new RuleType<LineCrossingRuleOptions>("line_crossing", (o, c) => new LineCrossingRule(o, c)),
        new RuleType<LoiteringRuleOptions>("loitering", (o, c) => new LoiteringRule(o, c)),
        new RuleType<GatheringRuleOptions>("gathering", (o, c) => new GatheringRule(o, c)),
        new RuleType<RunningRuleOptions>("running", (o, c) => new RunningRule(o, c)),
        new RuleType<LeftObjectRuleOptions>("left_object", (o, c) => new LeftObjectRule(o, c)),
        new RuleType<ObjectRemovedRuleOptions>("object_removed", (o, c) => new ObjectRemovedRule(o, c)),
        new RuleType<FightRuleOptions>("fight", (o, c) => new FightRule(o, c)),
    ];

    public static IReadOnlyDictionary<string, RuleType> Types { get; } = All.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>"intrusion, zone_enter, ...": for error messages.</summary>
    public static string Names => string.Join(", ", All.Select(t => t.Name));

    public static IBehaviourRule Create(RuleOptions options, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Types.TryGetValue(options.Type, out var type)
            ? type.Create(options, context)
            : throw new ArgumentException($"rule '{options.Id}': unknown type '{options.Type}'; expected one of {Names}", nameof(options));
    }
}
