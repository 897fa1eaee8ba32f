using System.Collections.Frozen;

namespace Watchpost.Behaviours;

/// <summary>The disarms in force at one moment and what they mean per rule; never changed once built, so readers need no lock.</summary>
internal sealed class ArmingSnapshot
{
    public ArmingSnapshot(Dictionary<ArmingTarget, ArmingEntry> entries, ArmingSite site)
    {
        Entries = entries;
        List = [.. entries.Values.OrderBy(e => e.Target.Scope).ThenBy(e => e.Target.Id, StringComparer.Ordinal)];
        Everything = entries.ContainsKey(ArmingTarget.Everything);
        Cameras = Ids(ArmingScope.Camera);
        Zones = Ids(ArmingScope.Zone);
        Lines = Ids(ArmingScope.Line);
        ArmedByRule = site.Rules.ToFrozenDictionary(r => r.Id, r => !List.Any(e => ArmingSite.Covers(e.Target, r)), StringComparer.Ordinal);
        NextExpiry = List.Min(e => e.Until);

        FrozenSet<string> Ids(ArmingScope scope) => entries.Keys.Where(t => t.Scope == scope).Select(t => t.Id!).ToFrozenSet(StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<ArmingTarget, ArmingEntry> Entries { get; }

    /// <summary>The disarms, broadest first, then by id.</summary>
    public IReadOnlyList<ArmingEntry> List { get; }

    public bool Everything { get; }

    public FrozenSet<string> Cameras { get; }

    public FrozenSet<string> Zones { get; }

    public FrozenSet<string> Lines { get; }

    /// <summary>Each rule of the site file: armed (true) or covered by a disarm.</summary>
    public FrozenDictionary<string, bool> ArmedByRule { get; }

    /// <summary>The earliest "until" of a disarm in force.</summary>
    public DateTimeOffset? NextExpiry { get; }
}
