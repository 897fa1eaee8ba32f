using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Watchpost.Detection.Runtime;

namespace Watchpost.Cli.Doctor;

/// <summary>
/// One configured execution provider (detector.providers): whether this ONNX Runtime has it, whether a session on
/// it opens (through the service's <see cref="SessionFactory"/>, on the site's model) and, for a GPU provider that
/// does not, why: the libraries missing, the packages that provide them, and whether there is a driver and GPU.
/// A GPU provider that fails while a later one works is a warning: the service runs, on the slower provider.
/// </summary>
internal sealed class ProviderCheck : IDoctorCheck
{
    private readonly ExecutionProvider _provider;

    public ProviderCheck(ExecutionProvider provider) => _provider = provider;

    public string Name => $"provider {_provider.Name()}";

    public async Task<DoctorResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var configured = ExecutionProviderNames.ParseAll(context.Options.Detector.Providers);
        var (model, _) = context.Model;
        var sessionError = model is null ? null : TryOpen(context, model.Path);
        if (_provider == ExecutionProvider.Cpu)
        {
            return model is null
                ? DoctorResult.Skip(Name, "needs the model (see the model check)")
                : sessionError is null
                    ? DoctorResult.Pass(Name, $"a session opens (ONNX Runtime {OrtEnv.Instance().GetVersionString()})")
                    : DoctorResult.Fail(Name, $"a CPU session does not open: {sessionError}", "reinstall watchpost (its ONNX Runtime is damaged)");
        }

        if (model is not null && sessionError is null)
        {
            return DoctorResult.Pass(Name, $"a session on the GPU opens (ONNX Runtime {OrtEnv.Instance().GetVersionString()}): inference runs on {_provider.Name()}");
        }

        var reasons = new List<string>();
        var compiled = OrtEnv.Instance().GetAvailableProviders();
        var ortName = _provider == ExecutionProvider.TensorRt ? "TensorrtExecutionProvider" : "CUDAExecutionProvider";
        var library = GpuLibraries.ProviderLibrary(_provider);
        if (!compiled.Contains(ortName) || library is null)
        {
            reasons.Add($"this ONNX Runtime ({OrtEnv.Instance().GetVersionString()}, {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}) has no {ortName}");
        }

        if (sessionError is not null)
        {
            reasons.Add(sessionError);
        }

        var missing = await GpuLibraries.MissingAsync(_provider, library, cancellationToken);
        if (missing.Count > 0)
        {
            reasons.Add($"missing libraries: {string.Join(", ", missing)}");
        }

        reasons.Add(await GpuLibraries.DriverAsync(cancellationToken));
        if (model is null)
        {
            reasons.Add("no session tried (the model check failed)");
        }

        var detail = $"not available: {string.Join("; ", reasons)}";
        var hint = GpuLibraries.InstallHint(missing);
        var fallback = configured.SkipWhile(p => p != _provider).Skip(1).ToList();
        return fallback.Count > 0
            ? DoctorResult.Warn(Name, $"{detail} (the service falls back to {string.Join(", then ", fallback.Select(p => p.Name()))})", hint)
            : DoctorResult.Fail(Name, $"{detail}, and it is the last of detector.providers", hint);
    }

    private string? TryOpen(DoctorContext context, string modelPath)
    {
        var detector = context.Options.Detector;
        var sessions = new SessionFactory(
            new SessionSettings { Providers = [_provider], IntraOpThreads = detector.Threads > 0 ? detector.Threads : 1 },
            context.Logs.CreateLogger<SessionFactory>());
        try
        {
            using var session = sessions.Create(modelPath, _provider);
            return null;
        }
        catch (ExecutionProviderException e)
        {
            return e.Failures.Count > 0 ? e.Failures[0].Reason : e.Message;
        }
        catch (OnnxRuntimeException e)
        {
            return e.Message.Trim();
        }
    }
}
