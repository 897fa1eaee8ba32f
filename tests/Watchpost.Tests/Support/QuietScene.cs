using OpenCvSharp;

namespace Watchpost.Tests.Support;

/// <summary>
/// vtest.avi's background with nobody in it: the per-pixel median of frames spread over the whole video (people
/// move on, the square stays). Built once per test run, in memory; callers get their own copy.
/// </summary>
public static class QuietScene
{
    /// <summary>Frames the median is taken over, evenly spread.</summary>
    private const int Samples = 31;

    private static readonly Lazy<Mat> Median = new(Build);

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

    private static Mat Build()
    {
        using var capture = new VideoCapture(TestAssets.Video);
        var count = (int)capture.Get(VideoCaptureProperties.FrameCount);
        var step = Math.Max(1, count / Samples);
        var frames = new List<byte[]>();
        (int Width, int Height) size = default;
        using var frame = new Mat();
        for (var i = 0; capture.Read(frame) && !frame.Empty(); i++)
        {
            if (i % step == 0 && frames.Count < Samples)
            {
                size = (frame.Width, frame.Height);
                var bytes = new byte[frame.Total() * frame.ElemSize()];
                System.Runtime.InteropServices.Marshal.Copy(frame.Data, bytes, 0, bytes.Length);
                frames.Add(bytes);
            }
        }

        if (frames.Count == 0)
        {
            throw new InvalidOperationException($"no frame could be read from {TestAssets.Video}");
        }

        var median = new byte[frames[0].Length];
        var values = new byte[frames.Count];
        for (var p = 0; p < median.Length; p++)
        {
            for (var f = 0; f < frames.Count; f++)
            {
                values[f] = frames[f][p];
            }

            Array.Sort(values);
            median[p] = values[values.Length / 2];
        }

        var result = new Mat(size.Height, size.Width, MatType.CV_8UC3);
        System.Runtime.InteropServices.Marshal.Copy(median, 0, result.Data, median.Length);
        return result;
    }
}
