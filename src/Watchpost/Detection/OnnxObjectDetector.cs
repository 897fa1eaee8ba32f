using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;
using Watchpost.Detection.Decoding;

namespace Watchpost.Detection;

/// <summary>
/// A YOLO-family detector on one ONNX Runtime session, which it owns and disposes. Pre-processing writes into a
/// pinned input buffer that the session reads directly, and a model with a fixed output shape writes into a
/// reused output buffer, so a frame allocates nothing but its result list. One instance serves one caller at a time.
/// </summary>
internal sealed class OnnxObjectDetector : IObjectDetector
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly float[] _input;
    private readonly OrtValue _inputValue;
    private readonly OrtValue[] _inputValues;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OrtValue? _outputValue;
    private readonly OrtValue[] _outputValues = [];
    private readonly float[]? _output;
    private readonly int[]? _outputShape;
    private readonly Letterbox _letterbox;
    private readonly IOutputDecoder _decoder;
    private readonly float[] _decodeThresholds;
    private readonly float _nmsThreshold;
    private readonly bool _rgb;
    private readonly float _pixelScale;
    private readonly List<DetectedObject> _candidates = new(256);

    public OnnxObjectDetector(InferenceSession session, DetectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        CheckInput(session, settings);

        _session = session;
        Labels = settings.Labels;
        _rgb = settings.Rgb;
        _pixelScale = settings.PixelScale;
        _nmsThreshold = settings.NmsThreshold;
        _letterbox = new Letterbox(settings.InputWidth, settings.InputHeight);
        _input = new float[3 * settings.InputWidth * settings.InputHeight];
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, [1, 3, settings.InputHeight, settings.InputWidth]);
        _inputValues = [_inputValue];
        _inputNames = [session.InputNames[0]];
        _outputNames = [session.OutputNames[0]];
        _decoder = settings.CreateDecoder();
        _decodeThresholds = settings.DecodeThresholds();

        var outputDims = session.OutputMetadata[_outputNames[0]].Dimensions;
        if (outputDims.All(d => d > 0))
        {
            _outputShape = outputDims;
            _output = new float[outputDims.Aggregate(1L, (a, d) => a * d)];
            _outputValue = OrtValue.CreateTensorValueFromMemory(_output, [.. outputDims.Select(d => (long)d)]);
            _outputValues = [_outputValue];
        }
    }

    public IReadOnlyList<string> Labels { get; }

    public IReadOnlyList<DetectedObject> Detect(Mat frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var scale = _letterbox.Fill(frame, _input, _rgb, _pixelScale);
        _candidates.Clear();
        if (_outputValue is not null)
        {
            _session.Run(_runOptions, _inputNames, _inputValues, _outputNames, _outputValues);
            _decoder.Decode(_output, _outputShape, scale, _decodeThresholds, _candidates);
        }
        else
        {
            using var outputs = _session.Run(_runOptions, _inputNames, _inputValues, _outputNames);
            var output = outputs[0];
            var shape = Array.ConvertAll(output.GetTensorTypeAndShape().Shape, d => (int)d);
            _decoder.Decode(output.GetTensorDataAsSpan<float>(), shape, scale, _decodeThresholds, _candidates);
        }

        var kept = NonMaxSuppression.Apply(_candidates, _nmsThreshold);
        for (var i = 0; i < kept.Count; i++)
        {
            kept[i] = kept[i] with { Box = Clip(kept[i].Box, frame.Width, frame.Height) };
        }

        return kept;
    }

    private static void CheckInput(InferenceSession session, DetectorSettings settings)
    {
        var (name, input) = session.InputMetadata.First();
        var dims = input.Dimensions;
        int[] expected = [1, 3, settings.InputHeight, settings.InputWidth];
        var fits = dims.Length == 4 && input.ElementDataType == TensorElementType.Float &&
                   dims.Zip(expected).All(p => p.First <= 0 || p.First == p.Second);
        if (!fits)
        {
            throw new ArgumentException(
                $"the model's input '{name}' is {input.ElementDataType} [{string.Join(", ", dims)}], " +
                $"expected Float [{string.Join(", ", expected)}] from the detector settings");
        }
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
        _outputValue?.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
        _letterbox.Dispose();
    }
}
