using Microsoft.ML.OnnxRuntime;
using Watchpost.Detection;

namespace Watchpost.Bench;

/// <summary>
/// One session run on a fixed grey input and nothing else (no letterbox, no decode): the bare ONNX Runtime loop the
/// ceiling, the physical capacity and the bare peer all measure. Owns its run options and input; the session too when
/// <c>ownsSession</c>.
/// </summary>
internal sealed class BareInferenceLoop : IDisposable
{
    private readonly InferenceSession _session;
    private readonly bool _ownsSession;
    private readonly RunOptions _options = new();
    private readonly OrtValue _input;
    private readonly OrtValue[] _inputs;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    public BareInferenceLoop(InferenceSession session, DetectorSettings settings, bool ownsSession = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(settings);
        _session = session;
        _ownsSession = ownsSession;
        var data = new float[3 * settings.InputWidth * settings.InputHeight];
        Array.Fill(data, 114f * settings.PixelScale);
        _input = OrtValue.CreateTensorValueFromMemory(data, [1, 3, settings.InputHeight, settings.InputWidth]);
        _inputs = [_input];
        _inputNames = [session.InputNames[0]];
        _outputNames = [session.OutputNames[0]];
    }

    public void Run()
    {
        using var outputs = _session.Run(_options, _inputNames, _inputs, _outputNames);
    }

    public void Dispose()
    {
        _input.Dispose();
        _options.Dispose();
        if (_ownsSession)
        {
            _session.Dispose();
        }
    }
}
