using Watchpost.Behaviours;
using Watchpost.Configuration;

namespace Watchpost.Cli.Site;

/// <summary>The views of the site's entries that the list and show verbs print, with what refers to each.</summary>
internal static class SiteViews
{
    public static CameraView Camera(WatchpostOptions site, CameraOptions camera) => new(
        camera.Id, camera.Name, SecretMask.Url(camera.Url), camera.Transport, camera.DetectFps, camera.Enabled,
        [.. site.Zones.Where(z => z.Camera == camera.Id).Select(z => z.Id)],
        [.. site.Lines.Where(l => l.Camera == camera.Id).Select(l => l.Id)],
        [.. site.Masks.Where(m => m.Camera == camera.Id).Select(m => m.Id)],
        [.. RulesOn(site, camera.Id).Select(r => r.Id)]);

    public static AreaView Zone(WatchpostOptions site, ZoneOptions zone) => new(zone.Id, zone.Camera, zone.Polygon, [.. RulesReadingZone(site, zone.Id).Select(r => r.Id)]);

    public static AreaView Mask(MaskOptions mask) => new(mask.Id, mask.Camera, mask.Polygon, []);

    public static LineView Line(WatchpostOptions site, LineOptions line) => new(line.Id, line.Camera, line.From, line.To, [.. RulesReadingLine(site, line.Id).Select(r => r.Id)]);

    public static RuleView Rule(WatchpostOptions site, RuleOptions rule) => new(
        rule.Id, rule.Type, RuleCameras.Resolve(rule, site), rule.Enabled, rule.Severity, SiteView.Schedule(rule), rule.Classes, Parameters(rule));

    /// <summary>Every parameter of the rule but its id and type, as `--set` and the site file spell them.</summary>
    private static System.Text.Json.Nodes.JsonObject Parameters(RuleOptions rule)
    {
        var all = SiteView.Rule(rule, includeNulls: true);
        all.Remove("id");
        all.Remove("type");
        return all;
    }

    public static IEnumerable<RuleOptions> RulesOn(WatchpostOptions site, string cameraId) => site.Rules.Where(r => RuleCameras.Resolve(r, site) == cameraId);

    public static IEnumerable<RuleOptions> RulesReadingZone(WatchpostOptions site, string zoneId) => site.Rules.Where(r => r.ZoneReferences.Any(z => z.Id == zoneId));

    public static IEnumerable<RuleOptions> RulesReadingLine(WatchpostOptions site, string lineId) => site.Rules.Where(r => r.LineReferences.Any(l => l.Id == lineId));

    /// <summary>"gpio.outputs 'siren'" for each relay that a rule of <paramref name="ruleIds"/> pulses.</summary>
    public static IEnumerable<string> RelaysPulsedBy(WatchpostOptions site, IReadOnlyCollection<string> ruleIds) =>
        site.Gpio.Outputs.Where(o => o.OnRules.Any(t => ruleIds.Contains(t.Rule))).Select(o => $"relay '{o.Name}' (gpio.outputs onRules)");
}
