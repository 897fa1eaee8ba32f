using Watchpost.Detection;

namespace Watchpost.Behaviours;

/// <summary>
/// How much each part of the frame changed since the previous processed frame: the absolute grey-level
/// difference on a small copy of the frame (<see cref="MotionFieldBuilder"/>). Rules ask it about a box in frame
/// pixels. The instance is reused frame after frame: read it during <see cref="IBehaviourRule.Evaluate"/> only.
/// </summary>
public sealed class MotionField
{
    private byte[] _difference = [];

    /// <summary>Width of the small grid, in cells.</summary>
    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>Frame pixels per cell.</summary>
    public float Scale { get; private set; } = 1;

    /// <summary>Stream time between the two frames compared (zero on the first frame).</summary>
    public TimeSpan Interval { get; private set; }

    /// <summary>How many cells inside <paramref name="box"/> changed by more than <paramref name="threshold"/>, and how many cells the box covers.</summary>
    public int CountAbove(BoundingBox box, int threshold, out int cells)
    {
        var x0 = Math.Clamp((int)(box.X / Scale), 0, Width);
        var x1 = Math.Clamp((int)MathF.Ceiling(box.Right / Scale), 0, Width);
        var y0 = Math.Clamp((int)(box.Y / Scale), 0, Height);
        var y1 = Math.Clamp((int)MathF.Ceiling(box.Bottom / Scale), 0, Height);
        cells = (x1 - x0) * (y1 - y0);
        var above = 0;
        for (var y = y0; y < y1; y++)
        {
            foreach (var d in _difference.AsSpan(y * Width + x0, x1 - x0))
            {
                above += d > threshold ? 1 : 0;
            }
        }

        return above;
    }

    internal Span<byte> Reset(int width, int height, float scale, TimeSpan interval)
    {
        if (_difference.Length != width * height)
        {
            _difference = new byte[width * height];
        }

        (Width, Height, Scale, Interval) = (width, height, scale, interval);
        return _difference;
    }
}
