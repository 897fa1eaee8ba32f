namespace Watchpost.Configuration;

/// <summary>Whether zone and line geometry makes sense, with the reason when it does not.</summary>
public static class GeometryCheck
{
    /// <summary>Null when the polygon is usable; otherwise what is wrong (self-intersecting, no area).</summary>
    public static string? Polygon(IReadOnlyList<float[]> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Count;
        double area = 0;
        for (var i = 0; i < n; i++)
        {
            var (a, b) = (points[i], points[(i + 1) % n]);
            area += (double)a[0] * b[1] - (double)b[0] * a[1];
        }

        if (Math.Abs(area) / 2 < 1)
        {
            return "the polygon has no area (its points lie on one line)";
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                // Neighbouring edges share a vertex; skip them.
                if (j == i + 1 || (i == 0 && j == n - 1))
                {
                    continue;
                }

                if (SegmentsCross(points[i], points[(i + 1) % n], points[j], points[(j + 1) % n]))
                {
                    return $"the polygon crosses itself (edge {i}-{(i + 1) % n} crosses edge {j}-{(j + 1) % n}); list the points in order around the area";
                }
            }
        }

        return null;
    }

    /// <summary>Null when every point lies in a frame of this size; otherwise which point does not.</summary>
    public static string? InsideFrame(IReadOnlyList<float[]> points, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(points);
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i][0] < 0 || points[i][1] < 0 || points[i][0] > width || points[i][1] > height)
            {
                return $"point {i} [{points[i][0]}, {points[i][1]}] is outside the {width}x{height} frame";
            }
        }

        return null;
    }

    /// <summary>
    /// Zones and lines are in the camera's own pixels: once its frame size is known, every one of the camera's
    /// must lie inside it. Throws naming each that does not, with <paramref name="source"/> as the place.
    /// </summary>
    public static void CameraFrame(WatchpostOptions site, string cameraId, int width, int height, string source)
    {
        ArgumentNullException.ThrowIfNull(site);
        var problems = site.Zones.Where(z => z.Camera == cameraId)
            .Select(z => InsideFrame(z.Polygon, width, height) is { } p ? $"zone '{z.Id}': {p}" : null)
            .Concat(site.Lines.Where(l => l.Camera == cameraId)
                .Select(l => InsideFrame([l.From, l.To], width, height) is { } p ? $"line '{l.Id}': {p}" : null))
            .OfType<string>().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidConfigurationException(source, string.Join("; ", problems) + " (coordinates are pixels of the camera's own resolution)");
        }
    }

    private static bool SegmentsCross(float[] p1, float[] p2, float[] p3, float[] p4)
    {
        var d1 = Cross(p3, p4, p1);
        var d2 = Cross(p3, p4, p2);
        var d3 = Cross(p1, p2, p3);
        var d4 = Cross(p1, p2, p4);
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
    }

    private static double Cross(float[] a, float[] b, float[] p) => ((double)b[0] - a[0]) * ((double)p[1] - a[1]) - ((double)b[1] - a[1]) * ((double)p[0] - a[0]);
}
