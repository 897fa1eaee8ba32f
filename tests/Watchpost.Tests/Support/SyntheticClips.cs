using OpenCvSharp;

namespace Watchpost.Tests.Support;

/// <summary>
/// Test clips for the behaviours the labelled footage lacks, built in memory from real frames of vtest.avi
/// (768x576, PETS 2009, captured at 7 fps): a real bag crop set down in the scene and left there (or taken), and
/// a real person crop moved across the road at running pace. Nothing is written to disk; the caller disposes
/// the frames. Coordinates below were checked by eye on frames written out as images.
/// </summary>
public static class SyntheticClips
{
    /// <summary>vtest's capture rate: stream time of frame n (0-based) is n / Fps.</summary>
    public const double Fps = 7;

    /// <summary>The white carrier bag that a pedestrian carries in frame 100 (0-based), about 15 x 17 pixels.</summary>
    public static readonly Rect BagInFrame100 = new(488, 181, 15, 17);

    /// <summary>Frames <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 (0-based) of vtest.avi.</summary>
    public static List<Mat> Frames(int first, int count)
    {
        using var capture = new VideoCapture(TestAssets.Video);
        if (!capture.IsOpened())
        {
            throw new InvalidOperationException($"OpenCV could not open {TestAssets.Video}");
        }

        capture.Set(VideoCaptureProperties.PosFrames, first);
        var frames = new List<Mat>(count);
        for (var i = 0; i < count; i++)
        {
            var frame = new Mat();
            if (!capture.Read(frame) || frame.Empty())
            {
                frame.Dispose();
                break;
            }

            frames.Add(frame);
        }

        return frames;
    }

    /// <summary>A copy of <paramref name="region"/> of vtest frame <paramref name="frame"/> (0-based).</summary>
    public static Mat Crop(int frame, Rect region)
    {
        var frames = Frames(frame, 1);
        try
        {
            return new Mat(frames[0], region).Clone();
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    /// <summary>
    /// Pastes <paramref name="crop"/> with its bottom-centre at <paramref name="ground"/>(i) on each frame i for
    /// which it returns a point (null: not on that frame). Parts outside the frame are cut off.
    /// </summary>
    /// <returns>The pasted box on each frame, or null where nothing was pasted.</returns>
    public static Rect?[] Paste(IReadOnlyList<Mat> frames, Mat crop, Func<int, Point?> ground)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(crop);
        ArgumentNullException.ThrowIfNull(ground);
        var boxes = new Rect?[frames.Count];
        for (var i = 0; i < frames.Count; i++)
        {
            if (ground(i) is not { } g)
            {
                continue;
            }

            var box = new Rect(g.X - crop.Width / 2, g.Y - crop.Height, crop.Width, crop.Height);
            var inside = box.Intersect(new Rect(0, 0, frames[i].Width, frames[i].Height));
            if (inside.Width <= 0 || inside.Height <= 0)
            {
                continue;
            }

            using var source = new Mat(crop, new Rect(inside.X - box.X, inside.Y - box.Y, inside.Width, inside.Height));
            using var target = new Mat(frames[i], inside);
            source.CopyTo(target);
            boxes[i] = inside;
        }

        return boxes;
    }

    /// <summary>Left object: the bag set down at <paramref name="ground"/> from clip frame <paramref name="from"/> on, and left there.</summary>
    public static Rect?[] SetDownBag(IReadOnlyList<Mat> frames, Point ground, int from, int until = int.MaxValue)
    {
        using var bag = Crop(100, BagInFrame100);
        return Paste(frames, bag, i => i >= from && i < until ? ground : null);
    }

    /// <summary>Running: a person crop moved along a straight line at <paramref name="pixelsPerFrame"/>, from clip frame <paramref name="from"/> for <paramref name="frameCount"/> frames.</summary>
    public static Rect?[] Runner(IReadOnlyList<Mat> frames, Mat person, Point start, double pixelsPerFrame, int from, int frameCount) =>
        Paste(frames, person, i => i >= from && i < from + frameCount
            ? new Point(start.X + (int)Math.Round(pixelsPerFrame * (i - from)), start.Y)
            : null);

    /// <summary>The small car parked top right in every frame of vtest (a steady 0.8 detection).</summary>
    public static readonly Rect ParkedCar = new(729, 48, 39, 49);

    /// <summary>
    /// Object removed: from clip frame <paramref name="from"/> on, <paramref name="region"/> is painted over from
    /// its surroundings (OpenCV inpainting), as if what stood there had been taken away.
    /// </summary>
    public static void PaintOut(IReadOnlyList<Mat> frames, Rect region, int from)
    {
        ArgumentNullException.ThrowIfNull(frames);
        for (var i = from; i < frames.Count; i++)
        {
            using var mask = new Mat(frames[i].Size(), MatType.CV_8UC1, Scalar.All(0));
            Cv2.Rectangle(mask, region, Scalar.All(255), -1);
            using var painted = new Mat();
            Cv2.Inpaint(frames[i], mask, painted, 7, InpaintTypes.Telea);
            painted.CopyTo(frames[i]);
        }
    }

    public static void Dispose(IEnumerable<Mat> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        foreach (var frame in frames)
        {
            frame.Dispose();
        }
    }
}
