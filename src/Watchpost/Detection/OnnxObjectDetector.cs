using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace Watchpost.Detection;

/// <summary>
/// A YOLO-family detector on one ONNX Runtime session. Pre-processing writes into a pinned input buffer that
/// the session reads directly; one instance serves one caller at a time.
/// </summary>
public sealed class OnnxObjectDetector : IObjectDetector
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly float[] _input;
    private readonly OrtValue _inputValue;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly Letterbox _letterbox;
    private readonly IOutputDecoder _decoder;
    private readonly float[] _classThresholds;
    private readonly bool[] _classEnabled;
    private readonly float _nmsThreshold;
    private readonly bool _rgb;
    private readonly List<DetectedObject> _candidates = new(256);

    public OnnxObjectDetector(InferenceSession session, DetectorSettings settings)
    {
        _session = session;
        Labels = settings.Labels;
        _rgb = settings.Rgb;
        _nmsThreshold = settings.NmsThreshold;
        _letterbox = new Letterbox(settings.InputWidth, settings.InputHeight);
        _input = new float[3 * settings.InputWidth * settings.InputHeight];
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, [1, 3, settings.InputHeight, settings.InputWidth]);
        _inputNames = [session.InputNames[0]];
        _outputNames = [session.OutputNames[0]];
        _decoder = settings.CreateDecoder();
        _classThresholds = settings.ClassThresholds();
        _classEnabled = settings.EnabledClasses();
    }

    public IReadOnlyList<string> Labels { get; }

    public IReadOnlyList<DetectedObject> Detect(Mat frame)
    {
        var scale = _letterbox.Fill(frame, _input, _rgb);
        using var outputs = _session.Run(_runOptions, _inputNames, [_inputValue], _outputNames);
        var output = outputs[0];
        var shapeLong = output.GetTensorTypeAndShape().Shape;
        Span<int> shape = stackalloc int[shapeLong.Length];
        for (var i = 0; i < shape.Length; i++)
        {
            shape[i] = (int)shapeLong[i];
        }

        _candidates.Clear();
        _decoder.Decode(output.GetTensorDataAsSpan<float>(), shape, scale, _classThresholds, _candidates);
        _candidates.RemoveAll(d => !_classEnabled[d.ClassId]);
        var kept = NonMaxSuppression.Apply(_candidates, _nmsThreshold);
        for (var i = 0; i < kept.Count; i++)
        {
            kept[i] = kept[i] with { Box = Clip(kept[i].Box, frame.Width, frame.Height) };
        }

        return kept;
    }

    private static BoundingBox Clip(BoundingBox box, int width, int height)
    {
        var x1 = Math.Clamp(box.X, 0, width);
        var y1 = Math.Clamp(box.Y, 0, height);
        var x2 = Math.Clamp(box.Right, 0, width);
        var y2 = Math.Clamp(box.Bottom, 0, height);
        return BoundingBox.FromCorners(x1, y1, x2, y2);
    }

    public void Dispose()
    {
        _inputValue.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
        _letterbox.Dispose();
    }
}
