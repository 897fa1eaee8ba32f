using BenchmarkDotNet.Attributes;
using OpenCvSharp;
using Watchpost.Assets;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Detection.Runtime;
using Watchpost.Models;

namespace Watchpost.Benchmarks;

/// <summary>
/// One single-threaded CPU session running the dynamic-batch YOLOX-Nano (made by models/make-variant.py
/// --dynamic-batch; path in WATCHPOST_DYNAMIC_MODEL) on <see cref="Batch"/> copies of a real vtest.avi frame per run.
/// One operation = one batch: divide the mean by <see cref="Batch"/> for ms per frame.
/// </summary>
/// <remarks>In-process: BenchmarkDotNet's generated project would not build under the repository's strict build settings.</remarks>
[MemoryDiagnoser]
[InProcess]
public class DetectorBatchBenchmark
{
    private OnnxObjectDetector _detector = null!;
    private Mat[] _frames = [];
    private List<DetectedObject>[] _results = [];

    [Params(1, 2, 4, 8)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable("WATCHPOST_DYNAMIC_MODEL")
            ?? throw new InvalidOperationException("set WATCHPOST_DYNAMIC_MODEL to a file made by models/make-variant.py --dynamic-batch");
        var model = ModelCatalog.Default().Resolve("yolox-nano", null);
        var settings = DetectorFactory.CreateSettings(model, new DetectorOptions()) with { BatchSize = Batch };
        var sessions = new SessionFactory(new SessionSettings { Providers = [ExecutionProvider.Cpu] });
        _detector = new OnnxObjectDetector(sessions.Create(path), settings);
        using var capture = new VideoCapture(AssetMirror.Require("media/vtest.avi"));
        var frame = new Mat();
        for (var i = 0; i < 50; i++)
        {
            capture.Read(frame);
        }

        _frames = [.. Enumerable.Range(0, Batch).Select(_ => frame.Clone())];
        frame.Dispose();
        _results = [.. Enumerable.Range(0, Batch).Select(_ => new List<DetectedObject>(64))];
    }

    [Benchmark]
    public int DetectBatch()
    {
        _detector.DetectBatch(_frames, _results);
        return _results[0].Count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _detector.Dispose();
        foreach (var frame in _frames)
        {
            frame.Dispose();
        }
    }
}
