using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Watchpost.Hosting;

/// <summary>
/// An edit of one camera's layout: each list given replaces that camera's entries of the section (null: the
/// section is kept as it is); the rules listed replace the parameters of the rules with those ids.
/// </summary>
public sealed partial record CameraLayoutEdit(IReadOnlyList<LayoutArea>? Zones, IReadOnlyList<LayoutLine>? Lines, IReadOnlyList<LayoutArea>? Masks, IReadOnlyList<LayoutRule>? Rules)
{
    /// <summary>
    /// Reads the editor's JSON (<c>{"zones": [{"id", "polygon"}], "lines": [{"id", "from", "to"}], "masks": [...],
    /// "rules": [{"id", "type"?, "parameters"}]}</c>; other fields are ignored), checking every shape.
    /// </summary>
    /// <exception cref="SiteEditException">A field is missing or has the wrong shape; the message names it.</exception>
    public static CameraLayoutEdit Parse(JsonNode? body)
    {
        if (body is not JsonObject root)
        {
            throw new SiteEditException("the body must be a JSON object with \"zones\", \"lines\", \"masks\" and/or \"rules\"");
        }

        return new CameraLayoutEdit(
            List(root, "zones", (o, at) => new LayoutArea(Id(o, at), Polygon(o, at))),
            List(root, "lines", (o, at) => new LayoutLine(Id(o, at), Point(o["from"], $"{at}.from"), Point(o["to"], $"{at}.to"))),
            List(root, "masks", (o, at) => new LayoutArea(Id(o, at), Polygon(o, at))),
            List(root, "rules", (o, at) => new LayoutRule(Id(o, at), Type(o, at), Parameters(o, at))));
    }

    private static List<T>? List<T>(JsonObject root, string name, Func<JsonObject, string, T> entry)
    {
        if (!root.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw new SiteEditException($"{name}: expected a list");
        }

        return [.. array.Select((item, i) => item is JsonObject o ? entry(o, $"{name}[{i}]") : throw new SiteEditException($"{name}[{i}]: expected an object"))];
    }

    private static string Id(JsonObject entry, string at)
    {
        var id = entry["id"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        return id is not null && IdPattern().IsMatch(id) ? id
            : throw new SiteEditException($"{at}.id: expected 1-64 letters, digits, '-' or '_'{(id is null ? "" : $", not '{id}'")}");
    }

    private static string? Type(JsonObject entry, string at) => entry["type"] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw new SiteEditException($"{at}.type: expected the rule type as a string"),
    };

    private static JsonObject Parameters(JsonObject entry, string at) => entry["parameters"] switch
    {
        JsonObject parameters => (JsonObject)parameters.DeepClone(),
        _ => throw new SiteEditException($"{at}.parameters: expected an object (the rule's parameters without id and type)"),
    };

    private static float[][] Polygon(JsonObject entry, string at)
    {
        if (entry["polygon"] is not JsonArray points)
        {
            throw new SiteEditException($"{at}.polygon: expected a list of points [x, y]");
        }

        return [.. points.Select((p, i) => Point(p, $"{at}.polygon[{i}]"))];
    }

    private static float[] Point(JsonNode? node, string at)
    {
        if (node is JsonArray { Count: 2 } xy && xy.All(v => v is JsonValue n && n.GetValueKind() == JsonValueKind.Number))
        {
            var point = xy.Select(v => v!.GetValue<double>()).ToArray();
            if (point.All(v => Math.Abs(v) <= 100_000))
            {
                return [(float)point[0], (float)point[1]];
            }
        }

        throw new SiteEditException($"{at}: expected a point [x, y] of two numbers (pixels of the camera's native resolution), not {node?.ToJsonString() ?? "nothing"}");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
