namespace Watchpost.Detection;

/// <summary>An axis-aligned box in pixels of the source frame: top-left corner, width and height.</summary>
public readonly record struct BoundingBox(float X, float Y, float Width, float Height)
{
    public float Right => X + Width;
    public float Bottom => Y + Height;
    public float Area => Math.Max(0f, Width) * Math.Max(0f, Height);
    public float CenterX => X + Width / 2f;
    public float CenterY => Y + Height / 2f;

    /// <summary>The bottom-centre of the box: where the object stands on the ground.</summary>
    public (float X, float Y) GroundPoint => (X + Width / 2f, Y + Height);

    public static BoundingBox FromCorners(float x1, float y1, float x2, float y2) => new(x1, y1, x2 - x1, y2 - y1);

    public float IntersectionOverUnion(BoundingBox other)
    {
        var iw = Math.Min(Right, other.Right) - Math.Max(X, other.X);
        var ih = Math.Min(Bottom, other.Bottom) - Math.Max(Y, other.Y);
        if (iw <= 0 || ih <= 0)
        {
            return 0f;
        }

        var intersection = iw * ih;
        var union = Area + other.Area - intersection;
        return union <= 0 ? 0f : intersection / union;
    }
}
