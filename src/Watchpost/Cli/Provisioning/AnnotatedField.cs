using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Watchpost.Configuration;

namespace Watchpost.Cli.Provisioning;

/// <summary>
/// The loader's data-annotation messages name only the member ("Transport: ..."), not which camera's. When two
/// entries write that field, this tells which value breaks the field's own annotations (those of the options class
/// the path leads to), so that the error points at the right line.
/// </summary>
internal static class AnnotatedField
{
    /// <summary>False when the value at <paramref name="path"/> passes its property's annotations; true when it does not or that cannot be told.</summary>
    public static bool MayFail(string path, JsonNode? value)
    {
        var property = Property(path);
        if (property is null || value is not JsonValue)
        {
            return true;
        }

        var text = value.ToString();
        var attributes = property.GetCustomAttributes<ValidationAttribute>().ToList();
        return attributes.Count == 0 || attributes.Any(a => !a.IsValid(text));
    }

    /// <summary>The value at a path of a site's JSON ("cameras[1].transport"), keys in any case.</summary>
    public static JsonNode? ValueAt(JsonNode? root, string path)
    {
        foreach (var segment in Segments(path))
        {
            root = segment.Index is { } index
                ? root is JsonObject o && Find(o, segment.Key) is JsonArray a && index < a.Count ? a[index] : null
                : root is JsonObject entries ? Find(entries, segment.Key) : null;
        }

        return root;
    }

    private static PropertyInfo? Property(string path)
    {
        var type = typeof(WatchpostOptions);
        PropertyInfo? property = null;
        foreach (var segment in Segments(path))
        {
            property = type.GetProperty(segment.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return null;
            }

            type = property.PropertyType;
            if (segment.Index is not null)
            {
                if (!typeof(IList).IsAssignableFrom(type) || !type.IsGenericType)
                {
                    return null;
                }

                type = type.GetGenericArguments()[0];
            }
        }

        return property;
    }

    private static IEnumerable<(string Key, int? Index)> Segments(string path)
    {
        foreach (var part in path.Split('.'))
        {
            var open = part.IndexOf('[', StringComparison.Ordinal);
            yield return open < 0
                ? (part, null)
                : (part[..open], int.Parse(part.AsSpan(open + 1, part.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture));
        }
    }

    private static JsonNode? Find(JsonObject entries, string key) => entries.FirstOrDefault(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value;
}
