using System.Globalization;
using System.Text.Json;

namespace Watchpost.Cli.Site;

/// <summary>
/// Points on the command line: "x,y x,y x,y" (pixels of the camera's own resolution) or the JSON the console's
/// editor and the site file write, [[x,y],[x,y],...]. Only the form is checked here; the geometry (a polygon that
/// crosses itself, a line of one point) is the loader's to refuse.
/// </summary>
internal static class PointsArgument
{
    /// <param name="option">The option the text came from, named in the error.</param>
    public static List<float[]> Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith('['))
        {
            return FromJson(trimmed, option);
        }

        // "10, 20  30, 40" as well as "10,20 30,40"; pairs may also be separated by ';'.
        var pairs = System.Text.RegularExpressions.Regex.Replace(trimmed, @"\s*,\s*", ",").Split([' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries);
        return [.. pairs.Select(p => Point(p, option))];
    }

    /// <summary>One point "x,y".</summary>
    public static float[] Point(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',');
        return parts.Length == 2 && Number(parts[0]) is { } x && Number(parts[1]) is { } y
            ? [x, y]
            : throw new CliInputException($"{option}: '{text}' is not a point; expected x,y in pixels, e.g. 120,80");
    }

    private static List<float[]> FromJson(string text, string option)
    {
        float[][]? points;
        try
        {
            points = JsonSerializer.Deserialize<float[][]>(text);
        }
        catch (JsonException e)
        {
            throw new CliInputException($"{option}: not a JSON list of points [[x,y],...]: {e.Message}", e);
        }

        if (points is null || points.Any(p => p is null || p.Length != 2 || p.Any(v => !float.IsFinite(v))))
        {
            throw new CliInputException($"{option}: every point of the JSON list must be [x, y] with two numbers");
        }

        return [.. points];
    }

    private static float? Number(string text) =>
        float.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && float.IsFinite(value) ? value : null;
}
