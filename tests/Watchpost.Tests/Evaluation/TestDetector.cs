using Microsoft.ML.OnnxRuntime;
using Watchpost.Detection;
using Watchpost.Detection.Decoding;
using Watchpost.Models;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Evaluation;

/// <summary>The real YOLOX-Nano person detector at the score the tracker's low threshold needs (0.1), one thread.</summary>
internal static class TestDetector
{
    public static OnnxObjectDetector Create() =>
        new(
            new InferenceSession(TestAssets.Model, new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1 }),
            new DetectorSettings
            {
                InputWidth = 416,
                InputHeight = 416,
                Layout = OutputLayout.Yolox,
                Labels = CocoLabels.All,
                ScoreThreshold = 0.1f,
                Classes = ["person"],
            });
}
