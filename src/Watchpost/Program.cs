using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;
using Watchpost.Detection;

// Temporary: dumps detections of a video (replaced by the CLI).
using var options = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1 };
var session = new InferenceSession(args[0], options);
using var detector = new OnnxObjectDetector(session, new DetectorSettings
{
    InputWidth = 416, InputHeight = 416, Layout = OutputLayout.Yolox, Labels = CocoLabels.All,
    ScoreThreshold = float.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), Classes = ["person"],
});
using var capture = new VideoCapture(args[1]);
using var frame = new Mat();
using var writer = new StreamWriter(args[2]);
var index = 0;
var sw = System.Diagnostics.Stopwatch.StartNew();
while (capture.Read(frame) && !frame.Empty())
{
    index++;
    foreach (var d in detector.Detect(frame))
    {
        writer.WriteLine(FormattableString.Invariant($"{index},{d.Box.X:F2},{d.Box.Y:F2},{d.Box.Width:F2},{d.Box.Height:F2},{d.Score:F4},{d.ClassId}"));
    }
}
Console.WriteLine($"{index} frames in {sw.Elapsed.TotalSeconds:F1}s");
