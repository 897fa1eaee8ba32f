using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;
using Watchpost.Detection.Decoding;

namespace Watchpost.Detection;

/// <summary>
/// A YOLO-family detector on one ONNX Runtime session, which it owns and disposes. Pre-processing writes into a
/// pinned input buffer that the session reads directly, and a model with a fixed output shape (after the batch
/// dimension) writes into a reused output buffer through an I/O binding, so <see cref="Detect(Mat, List{DetectedObject})"/>
/// allocates nothing in steady state: letterbox, inference, decode and NMS all work in buffers made at construction.
/// A model with a dynamic batch dimension takes up to <see cref="DetectorSettings.BatchSize"/> frames per run
/// (<see cref="DetectBatch"/>). One instance serves one caller at a time.
/// </summary>
internal sealed class OnnxObjectDetector : IObjectDetector
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly float[] _input;
    private readonly int _frameInput;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly float[]? _output;
    private readonly int _frameOutput;
    private readonly int[] _frameOutputShape = [];
    private readonly Letterbox _letterbox;
    private readonly IOutputDecoder _decoder;
    private readonly float[] _decodeThresholds;
    private readonly float _nmsThreshold;
    private readonly bool _rgb;
    private readonly float _pixelScale;
    private readonly List<DetectedObject> _candidates = new(256);
    private readonly float[] _scales;

    // Per batch size k (index k-1): the input tensor over the first k frames of _input, the output tensor over the
    // first k results of _output, and the binding of both. Inputs are made for any model; outputs and bindings only
    // when the output shape is fixed after the batch dimension.
    private readonly OrtValue[] _inputValues;
    private readonly OrtValue[] _outputValues = [];
    private readonly OrtIoBinding[] _bindings = [];

    // Only for a model whose output shape is known after the run: the outputs of the last run.
    private IDisposableReadOnlyCollection<OrtValue>? _allocatedOutputs;
    private OrtValue? _lastOutputs;

    public OnnxObjectDetector(InferenceSession session, DetectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var dynamicBatch = CheckInput(session, settings);

        _session = session;
        Labels = settings.Labels;
        BatchSize = dynamicBatch ? settings.BatchSize : 1;
        _rgb = settings.Rgb;
        _pixelScale = settings.PixelScale;
        _nmsThreshold = settings.NmsThreshold;
        _letterbox = new Letterbox(settings.InputWidth, settings.InputHeight);
        _frameInput = 3 * settings.InputWidth * settings.InputHeight;
        _input = new float[_frameInput * BatchSize];
        _scales = new float[BatchSize];
        _inputNames = [session.InputNames[0]];
        _outputNames = [session.OutputNames[0]];
        _decoder = settings.CreateDecoder();
        _decodeThresholds = settings.DecodeThresholds();
        _inputValues = new OrtValue[BatchSize];
        for (var k = 1; k <= BatchSize; k++)
        {
            _inputValues[k - 1] = OrtValue.CreateTensorValueFromMemory(
                OrtMemoryInfo.DefaultInstance, _input.AsMemory(0, k * _frameInput), [k, 3, settings.InputHeight, settings.InputWidth]);
        }

        var outputDims = session.OutputMetadata[_outputNames[0]].Dimensions;
        if (outputDims.Length > 1 && outputDims.Skip(1).All(d => d > 0))
        {
            _frameOutputShape = [1, .. outputDims.Skip(1)];
            _frameOutput = outputDims.Skip(1).Aggregate(1, (a, d) => a * d);
            _output = new float[_frameOutput * BatchSize];
            _outputValues = new OrtValue[BatchSize];
            _bindings = new OrtIoBinding[BatchSize];
            for (var k = 1; k <= BatchSize; k++)
            {
                _outputValues[k - 1] = OrtValue.CreateTensorValueFromMemory(
                    OrtMemoryInfo.DefaultInstance, _output.AsMemory(0, k * _frameOutput), [k, .. outputDims.Skip(1).Select(d => (long)d)]);
                var binding = _bindings[k - 1] = session.CreateIoBinding();
                binding.BindInput(_inputNames[0], _inputValues[k - 1]);
                binding.BindOutput(_outputNames[0], _outputValues[k - 1]);
            }
        }
    }

    public IReadOnlyList<string> Labels { get; }

    /// <summary>The most frames one run takes: <see cref="DetectorSettings.BatchSize"/> on a dynamic-batch model, else 1.</summary>
    public int BatchSize { get; }

    public IReadOnlyList<DetectedObject> Detect(Mat frame)
    {
        var results = new List<DetectedObject>();
        Detect(frame, results);
        return results;
    }

    public void Detect(Mat frame, List<DetectedObject> results)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(results);
        _scales[0] = _letterbox.Fill(frame, _input.AsSpan(0, _frameInput), _rgb, _pixelScale);
        Infer(1);
        results.Clear();
        Decode(0, frame, results);
    }

    /// <summary>
    /// Detects objects in up to <see cref="BatchSize"/> frames with one run of the model; the detections of
    /// <paramref name="frames"/>[i] replace the contents of <paramref name="results"/>[i].
    /// </summary>
    public void DetectBatch(IReadOnlyList<Mat> frames, IReadOnlyList<List<DetectedObject>> results)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(results);
        if (frames.Count < 1 || frames.Count > BatchSize || results.Count < frames.Count)
        {
            throw new ArgumentException($"{frames.Count} frame(s) and {results.Count} result list(s), expected 1 to {BatchSize} frames and a list for each", nameof(frames));
        }

        for (var i = 0; i < frames.Count; i++)
        {
            _scales[i] = _letterbox.Fill(frames[i], _input.AsSpan(i * _frameInput, _frameInput), _rgb, _pixelScale);
        }

        Infer(frames.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            results[i].Clear();
            Decode(i, frames[i], results[i]);
        }
    }

    private void Infer(int count)
    {
        if (_bindings.Length > 0)
        {
            _session.RunWithBinding(_runOptions, _bindings[count - 1]);
            return;
        }

        // A model whose output shape is only known after the run: ONNX Runtime allocates the output.
        _allocatedOutputs?.Dispose();
        _allocatedOutputs = _session.Run(_runOptions, _inputNames, [_inputValues[count - 1]], _outputNames);
        _lastOutputs = _allocatedOutputs[0];
    }

    private void Decode(int index, Mat frame, List<DetectedObject> results)
    {
        _candidates.Clear();
        if (_output is not null)
        {
            _decoder.Decode(_output.AsSpan(index * _frameOutput, _frameOutput), _frameOutputShape, _scales[index], _decodeThresholds, _candidates);
        }
        else
        {
            var shape = Array.ConvertAll(_lastOutputs!.GetTensorTypeAndShape().Shape, d => (int)d);
            var perFrame = shape.Skip(1).Aggregate(1, (a, d) => a * d);
            shape[0] = 1;
            _decoder.Decode(_lastOutputs.GetTensorDataAsSpan<float>().Slice(index * perFrame, perFrame), shape, _scales[index], _decodeThresholds, _candidates);
        }

        var first = results.Count;
        NonMaxSuppression.Apply(_candidates, _nmsThreshold, results);
        for (var i = first; i < results.Count; i++)
        {
            results[i] = results[i] with { Box = Clip(results[i].Box, frame.Width, frame.Height) };
        }
    }

    /// <summary>Checks the model's input against the settings; true when its batch dimension is dynamic.</summary>
    private static bool CheckInput(InferenceSession session, DetectorSettings settings)
    {
        var (name, input) = session.InputMetadata.First();
        var dims = input.Dimensions;
        int[] expected = [settings.BatchSize > 1 ? -1 : 1, 3, settings.InputHeight, settings.InputWidth];
        var fits = dims.Length == 4 && input.ElementDataType == TensorElementType.Float &&
                   dims.Zip(expected).All(p => p.First <= 0 || p.First == p.Second || (p.Second == -1 && p.First == 1));
        if (!fits)
        {
            throw new ArgumentException(
                $"the model's input '{name}' is {input.ElementDataType} [{string.Join(", ", dims)}], " +
                $"expected Float [{string.Join(", ", expected)}] from the detector settings");
        }

        if (settings.BatchSize > 1 && dims[0] > 0)
        {
            throw new ArgumentException(
                $"the model's input '{name}' has a fixed batch of {dims[0]} [{string.Join(", ", dims)}] but detector.batchSize is " +
                $"{settings.BatchSize}: use a dynamic-batch variant (e.g. yolox-nano-dynamic) or set detector.batchSize to 1");
        }

        return dims[0] <= 0;
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
        foreach (var binding in _bindings)
        {
            binding.Dispose();
        }

        foreach (var value in _inputValues.Concat(_outputValues))
        {
            value.Dispose();
        }

        _allocatedOutputs?.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
        _letterbox.Dispose();
    }
}
