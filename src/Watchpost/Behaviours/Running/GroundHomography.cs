namespace Watchpost.Behaviours.Running;

/// <summary>
/// Maps image pixels to ground-plane metres through the homography fixed by four image points and where they lie
/// on the ground (a flat ground is assumed: a slope or steps bend the scale). Solved directly as the 8x8 linear
/// system of the four correspondences, so the rules need no image library.
/// </summary>
internal sealed class GroundHomography
{
    private readonly double[] _h;

    private GroundHomography(double[] h) => _h = h;

    /// <summary>Null when any three of either set of points lie on one line (the mapping is then undefined) or the system is singular.</summary>
    public static GroundHomography? From(IReadOnlyList<float[]> image, IReadOnlyList<float[]> ground)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(ground);
        if (image.Count != 4 || ground.Count != 4 || CollinearTriple(image) is not null || CollinearTriple(ground) is not null)
        {
            return null;
        }

        // Unknowns h0..h7 (h8 = 1): u = (h0 x + h1 y + h2) / (h6 x + h7 y + 1), v = (h3 x + h4 y + h5) / (h6 x + h7 y + 1).
        var a = new double[8, 9];
        for (var i = 0; i < 4; i++)
        {
            double x = image[i][0], y = image[i][1], u = ground[i][0], v = ground[i][1];
            double[] rowU = [x, y, 1, 0, 0, 0, -u * x, -u * y, u];
            double[] rowV = [0, 0, 0, x, y, 1, -v * x, -v * y, v];
            for (var j = 0; j < 9; j++)
            {
                a[2 * i, j] = rowU[j];
                a[2 * i + 1, j] = rowV[j];
            }
        }

        var h = Solve(a);
        return h is null ? null : new GroundHomography([.. h, 1]);
    }

    /// <summary>"points 0, 1 and 2" when three of the four points lie on one line (or coincide), else null.</summary>
    public static string? CollinearTriple(IReadOnlyList<float[]> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        double scale = 0;
        foreach (var p in points)
        {
            foreach (var q in points)
            {
                scale = Math.Max(scale, Math.Abs(p[0] - q[0]) + Math.Abs(p[1] - q[1]));
            }
        }

        for (var i = 0; i < points.Count; i++)
        {
            for (var j = i + 1; j < points.Count; j++)
            {
                for (var k = j + 1; k < points.Count; k++)
                {
                    var (p, q, r) = (points[i], points[j], points[k]);
                    var area = Math.Abs(((double)q[0] - p[0]) * ((double)r[1] - p[1]) - ((double)q[1] - p[1]) * ((double)r[0] - p[0]));
                    // Twice the triangle's area against the square of the spread: scale-free, so metres and pixels are judged alike.
                    if (scale == 0 || area < 1e-3 * scale * scale)
                    {
                        return $"points {i}, {j} and {k}";
                    }
                }
            }
        }

        return null;
    }

    public (double X, double Y) Map(float x, float y)
    {
        var w = _h[6] * x + _h[7] * y + _h[8];
        return ((_h[0] * x + _h[1] * y + _h[2]) / w, (_h[3] * x + _h[4] * y + _h[5]) / w);
    }

    /// <summary>Gauss-Jordan elimination with partial pivoting on an n x (n+1) augmented matrix.</summary>
    private static double[]? Solve(double[,] a)
    {
        var n = a.GetLength(0);
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(a[row, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = row;
                }
            }

            if (Math.Abs(a[pivot, col]) < 1e-12)
            {
                return null;
            }

            for (var j = 0; j <= n; j++)
            {
                (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            }

            for (var row = 0; row < n; row++)
            {
                if (row == col)
                {
                    continue;
                }

                var f = a[row, col] / a[col, col];
                for (var j = col; j <= n; j++)
                {
                    a[row, j] -= f * a[col, j];
                }
            }
        }

        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = a[i, n] / a[i, i];
        }

        return x;
    }
}
