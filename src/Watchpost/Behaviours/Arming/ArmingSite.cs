using Watchpost.Configuration;

namespace Watchpost.Behaviours;

/// <summary>What arming targets the site file holds and which rules each one covers.</summary>
internal sealed class ArmingSite
{
    private readonly WatchpostOptions _site;

    public ArmingSite(WatchpostOptions site)
    {
        _site = site;
        var zone = SiteTimeZone.TryFind(site.Site.TimeZone) ?? TimeZoneInfo.Utc;
        Rules = [.. site.Rules.Select(r => new Rule(
            r.Id,
            r.Type,
            RuleCameras.Resolve(r, site),
            [.. r.ZoneReferences.Select(z => z.Id)],
            [.. r.LineReferences.Select(l => l.Id)],
            r.Enabled,
            new WeeklySchedule(r.Schedule, zone)))];
    }

    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>Whether a disarm of <paramref name="target"/> covers <paramref name="rule"/>.</summary>
    public static bool Covers(ArmingTarget target, Rule rule) => target.Scope switch
    {
        ArmingScope.Everything => true,
        ArmingScope.Camera => rule.Camera == target.Id,
        ArmingScope.Zone => rule.Zones.Contains(target.Id!),
        ArmingScope.Line => rule.Lines.Contains(target.Id!),
        _ => rule.Id == target.Id,
    };

    /// <summary>Why <paramref name="target"/> names nothing in the site file, or null when it does.</summary>
    public string? Unknown(ArmingTarget target)
    {
        var kind = ArmingTarget.ScopeName(target.Scope);
        if (target.Scope == ArmingScope.Everything)
        {
            return string.IsNullOrEmpty(target.Id) ? null : $"everything takes no id (got '{target.Id}')";
        }

        if (string.IsNullOrWhiteSpace(target.Id))
        {
            return $"a {kind} needs its id";
        }

        IEnumerable<string> ids = target.Scope switch
        {
            ArmingScope.Camera => _site.Cameras.Select(c => c.Id),
            ArmingScope.Zone => _site.Zones.Select(z => z.Id),
            ArmingScope.Line => _site.Lines.Select(l => l.Id),
            _ => _site.Rules.Select(r => r.Id),
        };
        var known = ids.ToList();
        return known.Contains(target.Id, StringComparer.Ordinal)
            ? null
            : $"no {kind} has the id '{target.Id}' ({kind}s: {(known.Count > 0 ? string.Join(", ", known) : "none")})";
    }

    /// <summary>Whether <paramref name="inner"/> is <paramref name="outer"/> or lies under it (so arming the outer one clears it).</summary>
    public bool Under(ArmingTarget inner, ArmingTarget outer) => inner == outer || outer.Scope switch
    {
        ArmingScope.Everything => true,
        ArmingScope.Camera => inner.Scope switch
        {
            ArmingScope.Zone => _site.Zones.Any(z => z.Id == inner.Id && z.Camera == outer.Id),
            ArmingScope.Line => _site.Lines.Any(l => l.Id == inner.Id && l.Camera == outer.Id),
            ArmingScope.Rule => Rules.Any(r => r.Id == inner.Id && r.Camera == outer.Id),
            _ => false,
        },
        ArmingScope.Zone or ArmingScope.Line => inner.Scope == ArmingScope.Rule && Rules.Any(r => r.Id == inner.Id && Covers(outer, r)),
        _ => false,
    };

    /// <summary>A rule of the site and what it is under: its camera, the zones and lines it reads.</summary>
    public sealed record Rule(string Id, string Type, string? Camera, string[] Zones, string[] Lines, bool Enabled, WeeklySchedule Schedule);
}
