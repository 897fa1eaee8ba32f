using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Watchpost.Behaviours;
using Watchpost.Configuration;

namespace Watchpost.Hosting;

/// <summary>
/// A site as the site file spells it, for files written by the appliance (the demo's, the editor's): camelCase
/// keys, each rule with its "type" and only the parameters its type takes, and what equals the default left out
/// (the configuration binder adds a list's entries to a default list, so a default list must not be written).
/// <see cref="WatchpostOptionsLoader.Load"/> reads back the same site.
/// </summary>
public static partial class SiteFileJson
{
    /// <summary>How the appliance writes a site file: indented, and Chinese site names as they are.</summary>
    public static readonly JsonSerializerOptions Writing = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The file's bytes: indented, with each point [x, y] on one line, as a person would write it.</summary>
    public static byte[] Text(JsonObject site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return Encoding.UTF8.GetBytes(Point().Replace(site.ToJsonString(Writing), "[$1, $2]") + "\n");
    }

    public static JsonObject ToJson(WatchpostOptions site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var root = new JsonObject();
        Add(root, "site", Changed(site.Site, new SiteOptions()));
        Add(root, "detector", Changed(site.Detector, new DetectorOptions()));
        Add(root, "cameras", List(site.Cameras, () => new CameraOptions()));
        Add(root, "zones", List(site.Zones, () => new ZoneOptions()));
        Add(root, "lines", List(site.Lines, () => new LineOptions()));
        Add(root, "masks", List(site.Masks, () => new MaskOptions()));
        Add(root, "rules", site.Rules.Count == 0 ? null : new JsonArray([.. site.Rules.Select(Rule)]));
        Add(root, "mqtt", Changed(site.Mqtt, new MqttOptions()));
        Add(root, "storage", Changed(site.Storage, new StorageOptions()));
        Add(root, "console", Changed(site.Console, new ConsoleOptions()));
        Add(root, "gpio", Changed(site.Gpio, new GpioOptions()));
        return root;
    }

    /// <summary>A rule's entry of "rules": id, type, then the parameters of its type that differ from the type's defaults.</summary>
    public static JsonObject Rule(RuleOptions rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var type = RuleCatalog.Types.TryGetValue(rule.Type, out var found) ? found
            : throw new ArgumentException($"rule '{rule.Id}': unknown type '{rule.Type}'", nameof(rule));
        var known = RuleParameters.Common.Concat(RuleParameters.Of(type)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var entry = new JsonObject { ["id"] = rule.Id, ["type"] = rule.Type };
        foreach (var (key, value) in Changed(rule, type.NewOptions()) ?? [])
        {
            if (known.Contains(key) && !key.Equals("id", StringComparison.OrdinalIgnoreCase))
            {
                entry[key] = value?.DeepClone();
            }
        }

        return entry;
    }

    /// <summary>The properties of <paramref name="value"/> whose JSON differs from a default instance's; null when none do.</summary>
    private static JsonObject? Changed(object value, object defaults)
    {
        var node = JsonSerializer.SerializeToNode(value, value.GetType(), Writing)!.AsObject();
        var plain = JsonSerializer.SerializeToNode(defaults, defaults.GetType(), Writing)!.AsObject();
        foreach (var key in node.Select(p => p.Key).ToList())
        {
            if (plain.TryGetPropertyValue(key, out var standard) && JsonNode.DeepEquals(node[key], standard))
            {
                node.Remove(key);
            }
        }

        return node.Count == 0 ? null : node;
    }

    private static JsonArray? List<T>(IReadOnlyCollection<T> items, Func<T> defaults)
        where T : notnull =>
        items.Count == 0 ? null : new JsonArray([.. items.Select(i => (JsonNode?)Changed(i, defaults()) ?? new JsonObject())]);

    private static void Add(JsonObject root, string key, JsonNode? value)
    {
        if (value is not null)
        {
            root[key] = value;
        }
    }

    // Newlines between the tokens: only the indented layout has them, never a string's text.
    [GeneratedRegex(@"\[\r?\n\s*(-?[0-9][0-9.eE+-]*),\r?\n\s*(-?[0-9][0-9.eE+-]*)\r?\n\s*\]")]
    private static partial Regex Point();
}
