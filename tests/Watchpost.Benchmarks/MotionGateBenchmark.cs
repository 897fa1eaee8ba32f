using BenchmarkDotNet.Attributes;
using OpenCvSharp;
using Watchpost.Assets;
using Watchpost.Configuration;
using Watchpost.Ingest.Motion;

namespace Watchpost.Benchmarks;

/// <summary>
/// What the motion gate costs per frame on vtest.avi's 768x576 frames: 30 consecutive real frames in turn (people
/// walking: the change, dilation and contour path every frame), and one frame over and over (a still scene: no
/// change). The frame is decoded beforehand; only the gate's own work is measured.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class MotionGateBenchmark
{
    private readonly List<Mat> _frames = [];
    private MotionGate _gate = null!;
    private int _n;

    [Params(false, true)]
    public bool Still { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Cv2.SetNumThreads(1);   // as the service runs OpenCV (WatchpostCli)
        using var capture = new VideoCapture(AssetMirror.Require("media/vtest.avi"));
        for (var i = 0; i < 30; i++)
        {
            var frame = new Mat();
            capture.Read(frame);
            _frames.Add(frame);
        }

        _gate = new MotionGate(new MotionOptions { Enabled = true });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _gate.Dispose();
        _frames.ForEach(f => f.Dispose());
    }

    [Benchmark(Description = "motion gate, 768x576 frame")]
    public bool Decide()
    {
        var n = _n++;
        return _gate.ShouldDetect(_frames[Still ? 0 : n % _frames.Count], TimeSpan.FromSeconds(n / 7.0), tracking: false);
    }
}
