using OpenCvSharp;
using Watchpost.Bench;

namespace Watchpost.Tests.Support;

/// <summary>
/// vtest.avi's background with nobody in it, as `watchpost bench --scene quiet` builds it (the per-pixel median
/// of frames spread over the whole video, <see cref="ClipBuilder.QuietBackground"/>). Callers get their own copy.
/// </summary>
public static class EmptyScene
{
    private static readonly Lazy<Mat> Median = new(() => Cv2.ImRead(ClipBuilder.QuietBackground(TestAssets.Video), ImreadModes.Color));

    /// <summary>A copy of the background (768x576 BGR); the caller disposes it.</summary>
    public static Mat Background() => Median.Value.Clone();
    /// <summary>The background with sensor-like noise (Gaussian, <paramref name="sigma"/> grey levels), a different draw per <paramref name="seed"/>.</summary>
    public static Mat Noisy(int seed, double sigma = 2)
    {
        var frame = Background();
        using var noise = new Mat(frame.Size(), MatType.CV_16SC3);
        Cv2.SetTheRNG((ulong)seed + 1);
        Cv2.Randn(noise, Scalar.All(0), Scalar.All(sigma));
        using var wide = new Mat();
        frame.ConvertTo(wide, MatType.CV_16SC3);
        Cv2.Add(wide, noise, wide);
        wide.ConvertTo(frame, MatType.CV_8UC3);
        return frame;
    }
}
