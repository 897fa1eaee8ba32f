namespace Watchpost.Behaviours.Geometry;

/// <summary>
/// A line segment in frame pixels, from <see cref="From"/> to <see cref="To"/>. Side a is where
/// cross(to − from, p − from) &gt; 0 in image coordinates (x right, y down): looking from <c>from</c> towards
/// <c>to</c> on the screen, side a is on the right.
/// </summary>
public sealed class LineSegment
{
    public LineSegment((float X, float Y) from, (float X, float Y) to)
    {
        From = from;
        To = to;
        Length = MathF.Sqrt(((to.X - from.X) * (to.X - from.X)) + ((to.Y - from.Y) * (to.Y - from.Y)));
        if (Length == 0)
        {
            throw new ArgumentException($"a line needs two different ends, got [{from.X}, {from.Y}] twice", nameof(to));
        }
    }

    public (float X, float Y) From { get; }

    public (float X, float Y) To { get; }

    public float Length { get; }

    /// <summary>cross(to − from, p − from): positive on side a, negative on side b, 0 on the line (or its extension).</summary>
    public float Cross(float x, float y) => ((To.X - From.X) * (y - From.Y)) - ((To.Y - From.Y) * (x - From.X));

    /// <summary>+1 on side a, −1 on side b, 0 exactly on the line or its extension.</summary>
    public int Side(float x, float y) => Math.Sign(Cross(x, y));

    /// <summary>Distance of the point from the infinite line through the segment.</summary>
    public float DistanceToLine(float x, float y) => MathF.Abs(Cross(x, y)) / Length;

    /// <summary>
    /// True when the movement from (x1, y1) to (x2, y2) touches the segment, ends included; a movement along the
    /// line itself (collinear) does not count: it crosses nothing.
    /// </summary>
    public bool Intersects(float x1, float y1, float x2, float y2)
    {
        var d1 = Cross(x1, y1);
        var d2 = Cross(x2, y2);
        if ((d1 > 0 && d2 > 0) || (d1 < 0 && d2 < 0) || (d1 == 0 && d2 == 0))
        {
            return false;
        }

        // The movement's own line must separate (or touch) the segment's two ends.
        var e1 = Orientation(x1, y1, x2, y2, From.X, From.Y);
        var e2 = Orientation(x1, y1, x2, y2, To.X, To.Y);
        return !((e1 > 0 && e2 > 0) || (e1 < 0 && e2 < 0));
    }

    private static float Orientation(float ax, float ay, float bx, float by, float px, float py) => ((bx - ax) * (py - ay)) - ((by - ay) * (px - ax));
}
