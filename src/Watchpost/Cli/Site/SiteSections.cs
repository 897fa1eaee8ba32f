using System.Text.Json;
using System.Text.Json.Nodes;
using Watchpost.Configuration;

namespace Watchpost.Cli.Site;

/// <summary>
/// The site file's JSON as the verbs edit it: its sections (lists of entries with an "id") found in any case, as
/// the loader reads them, and entries added or removed without touching the rest of the file.
/// </summary>
internal static class SiteSections
{
    /// <summary>The section <paramref name="name"/> ("cameras", "zones", ...); an empty one is added when the file has none.</summary>
    public static JsonArray Section(JsonObject root, string name)
    {
        switch (root[name])
        {
            case null:
                var created = new JsonArray();
                root[name] = created;
                return created;
            case JsonArray array:
                return array;
            default:
                throw new InvalidConfigurationException(name, "expected a list");
        }
    }

    /// <summary>The entry of <paramref name="section"/> whose "id" is <paramref name="id"/> (ids compare exactly, as the loader's do).</summary>
    public static JsonObject? Entry(JsonObject root, string section, string id) =>
        root[section] is JsonArray array ? array.OfType<JsonObject>().FirstOrDefault(e => Text(e, "id") == id) : null;

    /// <summary>Removes the entries of <paramref name="section"/> that <paramref name="remove"/> picks.</summary>
    public static void RemoveWhere(JsonObject root, string section, Func<JsonObject, bool> remove)
    {
        if (root[section] is not JsonArray array)
        {
            return;
        }

        for (var i = array.Count - 1; i >= 0; i--)
        {
            if (array[i] is JsonObject entry && remove(entry))
            {
                array.RemoveAt(i);
            }
        }
    }

    /// <summary>Removes the entries of <paramref name="section"/> whose id is in <paramref name="ids"/>.</summary>
    public static void RemoveIds(JsonObject root, string section, IReadOnlyCollection<string> ids) =>
        RemoveWhere(root, section, e => Text(e, "id") is { } id && ids.Contains(id));

    /// <summary>Sets <paramref name="key"/> of an entry, keeping the spelling the file already uses for it.</summary>
    public static void Set(JsonObject entry, string key, JsonNode? value)
    {
        var existing = entry.FirstOrDefault(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Key;
        entry[existing ?? key] = value;
    }

    /// <summary>A string value of <paramref name="key"/>; null when absent or not a string.</summary>
    public static string? Text(JsonObject entry, string key) =>
        entry[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>"[x, y]" for a point given as numbers.</summary>
    public static JsonArray Point(float[] point) => new(JsonValue.Create(point[0]), JsonValue.Create(point[1]));

    /// <summary>Refuses an id that <paramref name="existing"/> already has (exit code 2, nothing written).</summary>
    public static void RequireNew(string what, string id, IEnumerable<string> existing, string siteFile)
    {
        if (existing.Contains(id, StringComparer.Ordinal))
        {
            throw new CliInputException($"{what} '{id}': {siteFile} already has a {what} with this id (remove it first, or pick another id)");
        }
    }

    /// <summary>Refuses an id that <paramref name="existing"/> does not have, listing those it has.</summary>
    public static void RequireKnown(string what, string id, IReadOnlyCollection<string> existing, string siteFile)
    {
        if (!existing.Contains(id, StringComparer.Ordinal))
        {
            throw new CliInputException($"{what} '{id}': {siteFile} has no {what} with this id ({what}s: {(existing.Count == 0 ? "none" : string.Join(", ", existing))})");
        }
    }

    /// <summary>Removes the relays' triggers (gpio.outputs[].onRules) of the rules <paramref name="ruleIds"/>; the relays stay.</summary>
    public static void RemoveRuleTriggers(JsonObject root, IReadOnlyCollection<string> ruleIds)
    {
        if (root["gpio"] is not JsonObject gpio || gpio["outputs"] is not JsonArray outputs)
        {
            return;
        }

        foreach (var output in outputs.OfType<JsonObject>())
        {
            RemoveWhere(output, "onRules", trigger => Text(trigger, "rule") is { } rule && ruleIds.Contains(rule));
        }
    }
}
