using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;
using Watchpost.Assets;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Detection.Decoding;
using Watchpost.Detection.Runtime;
using Watchpost.Models;

namespace Watchpost.Benchmarks;

/// <summary>
/// The detector's per-frame stages on a real vtest.avi frame (frame 50) with the real YOLOX-Nano on one
/// single-threaded CPU session, as a pool worker runs them: the whole <see cref="OnnxObjectDetector.Detect(Mat, List{DetectedObject})"/>,
/// the letterbox fill alone, and decode + NMS alone on the frame's real output. Allocated must read 0 B.
/// </summary>
/// <remarks>In-process: BenchmarkDotNet's generated project would not build under the repository's strict build settings.</remarks>
[MemoryDiagnoser]
[InProcess]
public class DetectorFrameBenchmark
{
    private readonly List<DetectedObject> _results = new(64);
    private readonly List<DetectedObject> _candidates = new(256);
    private OnnxObjectDetector _detector = null!;
    private Letterbox _letterbox = null!;
    private IOutputDecoder _decoder = null!;
    private DetectorSettings _settings = null!;
    private Mat _frame = null!;
    private float[] _tensor = [];
    private float[] _output = [];
    private int[] _outputShape = [];
    private float[] _thresholds = [];
    private float _scale;

    [GlobalSetup]
    public void Setup()
    {
        var model = ModelCatalog.Default().Resolve("yolox-nano", null);
        _settings = DetectorFactory.CreateSettings(model, new DetectorOptions());
        var sessions = new SessionFactory(new SessionSettings { Providers = [ExecutionProvider.Cpu] });
        _detector = new OnnxObjectDetector(sessions.Create(model.Path), _settings);
        using (var capture = new VideoCapture(AssetMirror.Require("media/vtest.avi")))
        {
            _frame = new Mat();
            for (var i = 0; i < 50; i++)
            {
                capture.Read(_frame);
            }
        }

        _letterbox = new Letterbox(_settings.InputWidth, _settings.InputHeight);
        _tensor = new float[3 * _settings.InputWidth * _settings.InputHeight];
        _scale = _letterbox.Fill(_frame, _tensor);
        _decoder = _settings.CreateDecoder();
        _thresholds = _settings.DecodeThresholds();

        // The frame's raw model output, for the decode + NMS stage on its own.
        using var session = sessions.Create(model.Path);
        using var input = OrtValue.CreateTensorValueFromMemory(_tensor, [1, 3, _settings.InputHeight, _settings.InputWidth]);
        using var outputs = session.Run(new RunOptions(), [session.InputNames[0]], [input], [session.OutputNames[0]]);
        _output = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        _outputShape = Array.ConvertAll(outputs[0].GetTensorTypeAndShape().Shape, d => (int)d);
    }

    [Benchmark]
    public int Detect()
    {
        _detector.Detect(_frame, _results);
        return _results.Count;
    }

    [Benchmark]
    public float LetterboxFill() => _letterbox.Fill(_frame, _tensor);

    [Benchmark]
    public int DecodeAndNms()
    {
        _candidates.Clear();
        _results.Clear();
        _decoder.Decode(_output, _outputShape, _scale, _thresholds, _candidates);
        NonMaxSuppression.Apply(_candidates, _settings.NmsThreshold, _results);
        return _results.Count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _detector.Dispose();
        _letterbox.Dispose();
        _frame.Dispose();
    }
}
