using Watchpost.Detection;

namespace Watchpost.Behaviours.Objects;

/// <summary>
/// When an object counts as standing still, and when a person hides it: shared by the left-object and
/// object-removed rules so that both mean the same thing by "stationary".
/// </summary>
internal static class StationaryCheck
{
    /// <summary>How long an object must be seen in place before it counts as stationary.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// Largest drift of the box centre over <see cref="Window"/>, as a fraction of the box's larger side: far above
    /// detector jitter on a small bag (a few pixels on 15), far below what a carried bag moves (several of its
    /// sizes a second at walking pace).
    /// </summary>
    public const float MaxDrift = 0.5f;

    /// <summary>A person's box covering this much of an object's box hides it (the detector cannot see it).</summary>
    public const float HiddenFraction = 0.4f;

    /// <summary>True when the samples (centres) span the window and none lies further than the drift from the newest.</summary>
    public static bool IsStationary(SampleRing ring)
    {
        if (ring.Count < 2 || ring.Span < Window)
        {
            return false;
        }

        var newest = ring.Newest;
        var limit = MaxDrift * newest.Size;
        for (var i = 1; i < ring.Count; i++)
        {
            var s = ring.FromNewest(i);
            if (newest.Time - s.Time > Window)
            {
                break;
            }

            var (dx, dy) = (s.X - newest.X, s.Y - newest.Y);
            if (dx * dx + dy * dy > limit * limit)
            {
                return false;
            }
        }

        return true;
    }

    public static TrackSample CentreSample(TimeSpan now, BoundingBox box) =>
        new(now, box.CenterX, box.CenterY, box.Height, Math.Max(box.Width, box.Height));

    /// <summary>The fraction of <paramref name="box"/> that <paramref name="cover"/> overlaps.</summary>
    public static float Covered(BoundingBox box, BoundingBox cover)
    {
        var iw = Math.Min(box.Right, cover.Right) - Math.Max(box.X, cover.X);
        var ih = Math.Min(box.Bottom, cover.Bottom) - Math.Max(box.Y, cover.Y);
        return iw <= 0 || ih <= 0 || box.Area <= 0 ? 0f : iw * ih / box.Area;
    }

    /// <summary>True when the two boxes are the same object in place: they overlap well, or one's centre lies in the other.</summary>
    public static bool SamePlace(BoundingBox a, BoundingBox b) =>
        a.IntersectionOverUnion(b) >= 0.3f ||
        (a.CenterX >= b.X && a.CenterX <= b.Right && a.CenterY >= b.Y && a.CenterY <= b.Bottom) ||
        (b.CenterX >= a.X && b.CenterX <= a.Right && b.CenterY >= a.Y && b.CenterY <= a.Bottom);
}
