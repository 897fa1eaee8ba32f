using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Watchpost.Ingest;

namespace Watchpost.Cli.Provisioning;

/// <summary>
/// The differences between two site files as JSON, per path: a list of entries with ids (cameras, zones, rules,
/// GPIO inputs by name, MQTT users by username) is compared entry by entry, anything else value by value.
/// Both sides are the site as <see cref="Hosting.SiteFileJson.ToJson"/> writes it (defaults left out), so a key
/// written with its default value is no difference. Passwords, values taken from secrets and camera URL
/// passwords are shown as ***.
/// </summary>
internal sealed class SiteChanges
{
    private static readonly string[] EntryKeys = ["id", "name", "username"];
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Func<string, bool> _isSecret;
    private readonly List<ProvisionChange> _changes = [];

    private SiteChanges(Func<string, bool> isSecret)
    {
        _isSecret = isSecret;
    }

    /// <param name="isSecret">Whether a path of <paramref name="after"/> (by index, as "cameras[0].url") came from a secret.</param>
    public static IReadOnlyList<ProvisionChange> Between(JsonObject before, JsonObject after, Func<string, bool> isSecret)
    {
        var changes = new SiteChanges(isSecret);
        changes.Objects("", "", before, after);
        return changes._changes;
    }

    private void Objects(string shown, string indexed, JsonObject before, JsonObject after)
    {
        foreach (var (key, value) in after)
        {
            var path = SourceMap.Child(shown, key);
            var index = SourceMap.Child(indexed, key);
            var old = Find(before, key);
            if (old is null && !Has(before, key))
            {
                if (value is JsonObject added && shown.Length == 0)
                {
                    Objects(path, index, [], added);   // a new section: each of its values
                }
                else if (value is JsonArray list && list.Count > 0 && Keyed(list) is { } field)
                {
                    Arrays(path, index, [], list, field);
                }
                else
                {
                    _changes.Add(new ProvisionChange(ProvisionChange.Add, path, To: Show(key, index, value)));
                }

                continue;
            }

            Values(path, index, key, old, value);
        }

        foreach (var (key, _) in before.Where(p => !Has(after, p.Key)))
        {
            _changes.Add(new ProvisionChange(ProvisionChange.Remove, SourceMap.Child(shown, key)));
        }
    }

    private void Values(string path, string index, string key, JsonNode? before, JsonNode? after)
    {
        if (JsonNode.DeepEquals(before, after))
        {
            return;
        }

        switch (before, after)
        {
            case (JsonObject a, JsonObject b):
                Objects(path, index, a, b);
                break;
            case (JsonArray a, JsonArray b) when Keyed(a) is { } field && Keyed(b) == field:
                Arrays(path, index, a, b, field);
                break;
            case (JsonArray a, JsonArray b) when Keyed(b) is { } field && a.Count == 0:
                Arrays(path, index, a, b, field);
                break;
            case (JsonArray a, JsonArray b) when Keyed(a) is { } field && b.Count == 0:
                Arrays(path, index, a, b, field);
                break;
            default:
                _changes.Add(new ProvisionChange(ProvisionChange.Change, path, Show(key, index, before), Show(key, index, after)));
                break;
        }
    }

    private void Arrays(string path, string index, JsonArray before, JsonArray after, string field)
    {
        var old = before.OfType<JsonObject>().ToDictionary(e => Id(e, field), StringComparer.Ordinal);
        for (var i = 0; i < after.Count; i++)
        {
            var entry = (JsonObject)after[i]!;
            var id = Id(entry, field);
            var shown = $"{path}[{id}]";
            if (old.Remove(id, out var was))
            {
                Values(shown, SourceMap.Item(index, i), field, was, entry);
            }
            else
            {
                _changes.Add(new ProvisionChange(ProvisionChange.Add, shown));
            }
        }

        _changes.AddRange(old.Keys.Select(id => new ProvisionChange(ProvisionChange.Remove, $"{path}[{id}]")));
        var order = after.OfType<JsonObject>().Select(e => Id(e, field)).ToList();
        var wasOrder = before.OfType<JsonObject>().Select(e => Id(e, field)).Where(order.Contains).ToList();
        if (!order.Where(wasOrder.Contains).SequenceEqual(wasOrder))
        {
            _changes.Add(new ProvisionChange(ProvisionChange.Change, path, Note: "order of the entries"));
        }
    }

    /// <summary>The key that names a list's entries, when every entry has one and no two the same.</summary>
    private static string? Keyed(JsonArray list)
    {
        if (list.Count == 0 || list.Any(e => e is not JsonObject))
        {
            return list.Count == 0 ? EntryKeys[0] : null;
        }

        return EntryKeys.FirstOrDefault(field =>
        {
            var ids = list.Select(e => Find((JsonObject)e!, field) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).ToList();
            return ids.All(s => s is not null) && ids.Distinct(StringComparer.Ordinal).Count() == ids.Count;
        });
    }

    private static string Id(JsonObject entry, string field) => Find(entry, field)?.GetValue<string>() ?? "";

    /// <summary>A value as JSON text, or *** for a secret; a camera URL with its password hidden.</summary>
    private string Show(string key, string? index, JsonNode? value)
    {
        if (key.Equals("password", StringComparison.OrdinalIgnoreCase) || (index is not null && _isSecret(index)))
        {
            return SecretReferences.Hidden;
        }

        return key.Equals("url", StringComparison.OrdinalIgnoreCase) && value is JsonValue url && url.TryGetValue<string>(out var text)
            ? JsonValue.Create(UrlRedaction.Redact(text)).ToJsonString(Compact)
            : value?.ToJsonString(Compact) ?? "null";
    }

    private static bool Has(JsonObject entries, string key) => entries.Any(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase));

    private static JsonNode? Find(JsonObject entries, string key) => entries.FirstOrDefault(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value;
}
