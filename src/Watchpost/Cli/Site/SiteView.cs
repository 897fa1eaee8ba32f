using System.Text.Json;
using System.Text.Json.Nodes;
using Watchpost.Behaviours;
using Watchpost.Configuration;
using Watchpost.Hosting;

namespace Watchpost.Cli.Site;

/// <summary>
/// The site as the loader read it, as JSON in the site file's own spelling (camelCase keys): every value in force,
/// defaults included, each rule with its type's parameters, and secrets masked (<see cref="SecretMask"/>).
/// </summary>
internal static class SiteView
{
    private static readonly JsonSerializerOptions WithNulls = new(SiteFileJson.Writing) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never };

    /// <summary>The whole site (null values left out), secrets masked.</summary>
    public static JsonObject Site(WatchpostOptions site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var root = JsonSerializer.SerializeToNode(site, SiteFileJson.Writing)!.AsObject();
        root["rules"] = new JsonArray([.. site.Rules.Select(r => Rule(r, includeNulls: false))]);
        SecretMask.Apply(root);
        return root;
    }

    /// <summary>A rule's every parameter (common and its type's), defaults included, in the site file's spelling; id and type first.</summary>
    /// <param name="includeNulls">Also the optional parameters left unset (shown as null), so that all a type takes is listed.</param>
    public static JsonObject Rule(RuleOptions rule, bool includeNulls)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var type = RuleCatalog.Types[rule.Type];
        var known = RuleParameters.Common.Concat(RuleParameters.Of(type)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var all = JsonSerializer.SerializeToNode(rule, rule.GetType(), includeNulls ? WithNulls : SiteFileJson.Writing)!.AsObject();
        var entry = new JsonObject { ["id"] = rule.Id, ["type"] = rule.Type };
        foreach (var (key, value) in all)
        {
            if (known.Contains(key) && !entry.ContainsKey(key))
            {
                entry[key] = value?.DeepClone();
            }
        }

        SecretMask.Apply(entry);
        return entry;
    }

    /// <summary>"mon-fri 22:00-06:00, sat,sun 00:00-24:00", or "always" when the rule has no schedule.</summary>
    public static string Schedule(RuleOptions rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Schedule.Count == 0 ? "always" : string.Join(", ", rule.Schedule.Select(w => $"{w.Days} {w.From}-{w.To}"));
    }

    /// <summary>The zones and lines a rule reads: "zone:yard", "line:gate", or "-".</summary>
    public static string Reads(RuleOptions rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var reads = rule.ZoneReferences.Select(z => $"{z.Field}:{z.Id}").Concat(rule.LineReferences.Select(l => $"{l.Field}:{l.Id}")).ToList();
        return reads.Count == 0 ? "-" : string.Join(" ", reads);
    }

    /// <summary>"[x, y] [x, y] ..." as the console's editor and `zone add --points` spell a polygon.</summary>
    public static string Points(IEnumerable<float[]> points) =>
        string.Join(" ", points.Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p[0]},{p[1]}")));
}
