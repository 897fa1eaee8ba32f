using Watchpost.Behaviours.Geometry;
using Watchpost.Configuration;

namespace Watchpost.Behaviours;

/// <summary>What a rule type needs to build a rule from its options: the site's zones and lines and the detector's labels.</summary>
public sealed class RuleContext(WatchpostOptions site, IReadOnlyList<string> labels)
{
    public IReadOnlyList<string> Labels => labels;

    private ZoneOptions Zone(string id) => site.Zones.First(z => z.Id == id);

    public Polygon Polygon(string zoneId) => new(Zone(zoneId).Polygon.Select(p => (p[0], p[1])));

    public LineOptions Line(string id) => site.Lines.First(l => l.Id == id);

    public TrackFilter Filter(RuleOptions rule) => new(rule, labels);

    /// <summary>The rule's camera: its own "camera", else the camera of the first zone or line it reads.</summary>
    public string CameraOf(RuleOptions rule) => RuleCameras.Resolve(rule, site) ?? "";

    public RuleIdentity Identity(RuleOptions rule) => new(rule.Id, rule.Type, CameraOf(rule), rule.Severity,
        rule.ZoneReferences.Select(z => z.Id).FirstOrDefault(), rule.LineReferences.Select(l => l.Id).FirstOrDefault());
}
