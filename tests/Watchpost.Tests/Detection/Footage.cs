using System.Globalization;
using OpenCvSharp;
using Watchpost.Detection;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Detection;

/// <summary>Frames of vtest.avi and the ground-truth person boxes of PETS09-S2L1 (gt frame n = video frame n-1).</summary>
internal static class Footage
{
    private static readonly Lazy<ILookup<int, BoundingBox>> Truth = new(() => File.ReadLines(TestAssets.GroundTruth)
        .Select(line => line.Split(','))
        .Where(f => f.Length >= 6)
        .ToLookup(
            f => int.Parse(f[0], CultureInfo.InvariantCulture),
            f => new BoundingBox(Parse(f[2]), Parse(f[3]), Parse(f[4]), Parse(f[5]))));

    /// <summary>Ground-truth boxes of 1-based frame <paramref name="frame"/>.</summary>
    public static IReadOnlyList<BoundingBox> GroundTruth(int frame) => [.. Truth.Value[frame]];

    /// <summary>The video frames at the given 1-based ground-truth frame numbers (the caller disposes them).</summary>
    public static List<Mat> Frames(params int[] gtFrames)
    {
        using var capture = new VideoCapture(TestAssets.Video);
        var frames = new List<Mat>();
        var index = 0;
        foreach (var wanted in gtFrames.Order())
        {
            using var frame = new Mat();
            while (index < wanted)
            {
                Assert.True(capture.Read(frame) && !frame.Empty(), $"vtest.avi ended before frame {wanted}");
                index++;
            }

            frames.Add(frame.Clone());
        }

        return frames;
    }

    private static float Parse(string value) => float.Parse(value, CultureInfo.InvariantCulture);
}
