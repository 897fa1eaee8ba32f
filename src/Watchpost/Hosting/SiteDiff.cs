using System.Text.Json;
using Watchpost.Configuration;

namespace Watchpost.Hosting;

/// <summary>What differs between the running site and a reloaded one.</summary>
/// <param name="RestartNeeded">Sections that a reload does not apply (site, detector, mqtt, storage, console): they take effect at the next start.</param>
public sealed record SiteDiff(SectionChanges Cameras, SectionChanges Zones, SectionChanges Lines, SectionChanges Rules, IReadOnlyList<string> RestartNeeded)
{
    /// <summary>Privacy masks added, removed or changed (live, like zones: applied without restarting cameras).</summary>
    public SectionChanges Masks { get; init; } = new([], [], []);

    public bool Any => Cameras.Any || Zones.Any || Lines.Any || Rules.Any || Masks.Any || RestartNeeded.Count > 0;

    /// <summary>Whether a live section changed (what a reload applies to the running cameras).</summary>
    public bool AnyLive => Cameras.Any || Zones.Any || Lines.Any || Rules.Any || Masks.Any;

    public static SiteDiff Between(WatchpostOptions before, WatchpostOptions after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var restart = new List<string>();
        foreach (var (name, a, b) in new (string, object, object)[]
        {
            ("site", before.Site, after.Site), ("detector", before.Detector, after.Detector), ("mqtt", before.Mqtt, after.Mqtt),
            ("storage", before.Storage, after.Storage), ("console", before.Console, after.Console),
        })
        {
            if (Json(a) != Json(b))
            {
                restart.Add(name);
            }
        }

        return new SiteDiff(
            Compare(before.Cameras, after.Cameras, c => c.Id),
            Compare(before.Zones, after.Zones, z => z.Id),
            Compare(before.Lines, after.Lines, l => l.Id),
            Compare(before.Rules, after.Rules, r => r.Id),
            restart)
        {
            Masks = Compare(before.Masks, after.Masks, m => m.Id),
        };
    }

    /// <summary>The running sections of <paramref name="running"/> with the live ones (cameras, zones, lines, masks, rules) of <paramref name="reloaded"/>.</summary>
    public static WatchpostOptions LiveParts(WatchpostOptions running, WatchpostOptions reloaded)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(reloaded);
        return new WatchpostOptions
        {
            Site = running.Site,
            Detector = running.Detector,
            Mqtt = running.Mqtt,
            Storage = running.Storage,
            Console = running.Console,
            Gpio = running.Gpio,
            Cameras = reloaded.Cameras,
            Zones = reloaded.Zones,
            Lines = reloaded.Lines,
            Masks = reloaded.Masks,
            Rules = reloaded.Rules,
        };
    }

    /// <summary>A value's JSON with its runtime type's properties (a rule's own parameters too), for comparing.</summary>
    public static string Json(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.Serialize(value, value.GetType());
    }

    /// <summary>Everything that goes into a camera's rule engine: its rules, zones and lines.</summary>
    public static string CameraRules(WatchpostOptions site, string cameraId)
    {
        ArgumentNullException.ThrowIfNull(site);
        var zones = site.Zones.Where(z => z.Camera == cameraId).Select(Json);
        var lines = site.Lines.Where(l => l.Camera == cameraId).Select(Json);
        var rules = site.Rules.Where(r => Behaviours.RuleCameras.Resolve(r, site) == cameraId).Select(Json);
        return string.Join('\n', zones.Concat(["--"]).Concat(lines).Concat(["--"]).Concat(rules)) + "\n" + site.Site.TimeZone;
    }

    /// <summary>What a camera's pictures show besides the frame: its zones, lines and privacy masks (see <see cref="Hosting.CameraScene"/>).</summary>
    public static string CameraScene(WatchpostOptions site, string cameraId)
    {
        ArgumentNullException.ThrowIfNull(site);
        var zones = site.Zones.Where(z => z.Camera == cameraId).Select(Json);
        var lines = site.Lines.Where(l => l.Camera == cameraId).Select(Json);
        var masks = site.Masks.Where(m => m.Camera == cameraId).Select(Json);
        return string.Join('\n', zones.Concat(["--"]).Concat(lines).Concat(["--"]).Concat(masks));
    }

    private static SectionChanges Compare<T>(IEnumerable<T> before, IEnumerable<T> after, Func<T, string> id)
        where T : notnull
    {
        var a = before.GroupBy(id).ToDictionary(g => g.Key, g => Json(g.First()), StringComparer.Ordinal);
        var b = after.GroupBy(id).ToDictionary(g => g.Key, g => Json(g.First()), StringComparer.Ordinal);
        return new SectionChanges(
            [.. b.Keys.Where(k => !a.ContainsKey(k)).Order(StringComparer.Ordinal)],
            [.. a.Keys.Where(k => !b.ContainsKey(k)).Order(StringComparer.Ordinal)],
            [.. b.Keys.Where(k => a.TryGetValue(k, out var old) && old != b[k]).Order(StringComparer.Ordinal)]);
    }
}
