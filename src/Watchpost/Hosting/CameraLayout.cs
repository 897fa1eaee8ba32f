using System.Text.Json.Nodes;
using Watchpost.Behaviours;
using Watchpost.Configuration;

namespace Watchpost.Hosting;

/// <summary>What the site editor edits of one camera: its zones, lines and masks, and the parameters of its rules.</summary>
public sealed record CameraLayout(string Camera, IReadOnlyList<LayoutArea> Zones, IReadOnlyList<LayoutLine> Lines, IReadOnlyList<LayoutArea> Masks, IReadOnlyList<LayoutRule> Rules)
{
    /// <summary>The layout of <paramref name="cameraId"/> in <paramref name="site"/>; null when it has no such camera.</summary>
    /// <param name="parameters">A rule's parameters (from the file's own JSON when there is one).</param>
    public static CameraLayout? Of(WatchpostOptions site, string cameraId, Func<RuleOptions, JsonObject> parameters)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!site.Cameras.Any(c => c.Id == cameraId))
        {
            return null;
        }

        return new CameraLayout(
            cameraId,
            [.. site.Zones.Where(z => z.Camera == cameraId).Select(z => new LayoutArea(z.Id, z.Polygon))],
            [.. site.Lines.Where(l => l.Camera == cameraId).Select(l => new LayoutLine(l.Id, l.From, l.To))],
            [.. site.Masks.Where(m => m.Camera == cameraId).Select(m => new LayoutArea(m.Id, m.Polygon))],
            [.. site.Rules.Where(r => RuleCameras.Resolve(r, site) == cameraId).Select(r => new LayoutRule(r.Id, r.Type, parameters(r)))]);
    }
}
