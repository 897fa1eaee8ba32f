using Watchpost.Configuration;

namespace Watchpost.Behaviours;

/// <summary>A built rule with the common parameters that <see cref="CameraRuleEngine"/> applies around it.</summary>
public sealed record ConfiguredRule(IBehaviourRule Rule, bool Enabled, WeeklySchedule Schedule, TimeSpan Cooldown)
{
    /// <summary>Builds every rule of <paramref name="cameraId"/> from the site file through the catalogue.</summary>
    public static IReadOnlyList<ConfiguredRule> ForCamera(WatchpostOptions site, string cameraId, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(site);
        var context = new RuleContext(site, labels);
        var zone = SiteTimeZone.Find(site.Site.TimeZone);
        return [.. site.Rules
            .Where(r => RuleCameras.Resolve(r, site) == cameraId)
            .Select(r => new ConfiguredRule(RuleCatalog.Create(r, context), r.Enabled, new WeeklySchedule(r.Schedule, zone), TimeSpan.FromSeconds(r.CooldownSeconds)))];
    }
}
