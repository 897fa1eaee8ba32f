using OpenCvSharp;
using Watchpost.Configuration;

namespace Watchpost.Hosting;

/// <summary>
/// A camera's privacy masks (<see cref="MaskOptions"/>): blurs each polygon of a picture in place, for what leaves
/// the pipeline as an image (event snapshots, the current frame, the live view). Detection and rules work on the
/// unmasked frame. The blur shrinks the polygon's bounding box to cells of about 1/32 of the picture's width and
/// stretches it back: no face or window survives it, and it costs two small resizes. Immutable and thread-safe.
/// </summary>
public sealed class PrivacyMask
{
    private readonly Point2f[][] _polygons;

    private PrivacyMask(Point2f[][] polygons) => _polygons = polygons;

    public static PrivacyMask None { get; } = new([]);

    public bool IsEmpty => _polygons.Length == 0;

    /// <summary>The masks of <paramref name="cameraId"/> in <paramref name="site"/>.</summary>
    public static PrivacyMask For(WatchpostOptions site, string cameraId)
    {
        ArgumentNullException.ThrowIfNull(site);
        var polygons = site.Masks.Where(m => m.Camera == cameraId && m.Polygon.Count >= 3)
            .Select(m => m.Polygon.Select(p => new Point2f(p[0], p[1])).ToArray()).ToArray();
        return polygons.Length == 0 ? None : new PrivacyMask(polygons);
    }

    /// <summary>Blurs the masked areas of <paramref name="image"/> (BGR), whose pixels are the camera's times <paramref name="scale"/>.</summary>
    public void Apply(Mat image, double scale = 1)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (IsEmpty || image.Empty())
        {
            return;
        }

        var cell = Math.Max(4, image.Width / 32);
        var frame = new Rect(0, 0, image.Width, image.Height);
        foreach (var polygon in _polygons)
        {
            var points = polygon.Select(p => new Point((int)Math.Round(p.X * scale), (int)Math.Round(p.Y * scale))).ToArray();
            var box = Cv2.BoundingRect(points) & frame;
            if (box.Width <= 0 || box.Height <= 0)
            {
                continue;
            }

            using var area = new Mat(image, box);
            using var small = new Mat();
            Cv2.Resize(area, small, new Size(Math.Max(1, box.Width / cell), Math.Max(1, box.Height / cell)), 0, 0, InterpolationFlags.Area);
            using var blurred = new Mat();
            Cv2.Resize(small, blurred, box.Size, 0, 0, InterpolationFlags.Linear);
            using var inside = new Mat(box.Size, MatType.CV_8UC1, Scalar.All(0));
            Cv2.FillPoly(inside, [points.Select(p => new Point(p.X - box.X, p.Y - box.Y))], Scalar.All(255));
            blurred.CopyTo(area, inside);
        }
    }
}
