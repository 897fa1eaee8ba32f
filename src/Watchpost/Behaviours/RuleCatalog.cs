using Watchpost.Behaviours.Intrusion;
using Watchpost.Configuration;

namespace Watchpost.Behaviours;

/// <summary>Every rule type, by the name the site file's "type" uses. A new rule type is one line here and a folder beside it.</summary>
public static class RuleCatalog
{
    private static readonly RuleType[] All =
    [
        new RuleType<IntrusionRuleOptions>("intrusion", (o, c) => new IntrusionRule(o, c)),
        new RuleType<Fight.FightRuleOptions>("fight", (o, c) => new Fight.FightRule(o, c)),
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
