using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Watchpost.Detection.Runtime;

/// <summary>
/// Creates ONNX Runtime sessions on the best execution provider that works on this machine. The first
/// <see cref="Create(string)"/> tries the configured providers in order (TensorRT, CUDA, CPU by default), logs the
/// one chosen and why each earlier one fell back, and records that in <see cref="Selection"/>; later sessions go
/// straight to the chosen provider. Thread-safe.
/// </summary>
internal sealed class SessionFactory
{
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private ProviderSelection? _selection;

    public SessionFactory(SessionSettings settings, ILogger<SessionFactory>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Providers.Count == 0)
        {
            throw new ArgumentException("no execution provider given, expected some of tensorrt, cuda, cpu", nameof(settings));
        }

        if (settings.IntraOpThreads < 1)
        {
            throw new ArgumentException($"intra-op threads {settings.IntraOpThreads}, expected 1 or more", nameof(settings));
        }

        Settings = settings;
        _logger = logger ?? NullLogger<SessionFactory>.Instance;
    }

    public SessionSettings Settings { get; }

    /// <summary>The provider chosen by the first <see cref="Create(string)"/>, with the fallbacks; null before that.</summary>
    public ProviderSelection? Selection
    {
        get
        {
            lock (_lock)
            {
                return _selection;
            }
        }
    }

    /// <summary>A session for <paramref name="modelPath"/> on the chosen provider (choosing it on the first call).</summary>
    public InferenceSession Create(string modelPath)
    {
        lock (_lock)
        {
            if (_selection is { } selection)
            {
                return Create(modelPath, selection.Chosen);
            }

            var fallbacks = new List<ProviderFallback>();
            foreach (var provider in Settings.Providers)
            {
                try
                {
                    var session = Create(modelPath, provider);
                    _selection = new ProviderSelection(provider, fallbacks);
                    _logger.LogInformation(
                        "Inference runs on the {Provider} execution provider ({Threads} intra-op thread(s) per session, model {Model})",
                        provider.Name(), Settings.IntraOpThreads, Path.GetFileName(modelPath));
                    return session;
                }
                catch (ExecutionProviderException e)
                {
                    var fallback = e.Failures[0];
                    fallbacks.Add(fallback);
                    _logger.LogWarning("Execution provider {Provider} is not usable, trying the next one: {Reason}", provider.Name(), fallback.Reason);
                }
            }

            throw new ExecutionProviderException(
                $"none of the execution providers [{string.Join(", ", Settings.Providers.Select(p => p.Name()))}] could run " +
                $"{modelPath}: {string.Join("; ", fallbacks)}. Add \"cpu\" to detector.providers, or install what the GPU provider needs " +
                "(CUDA 13 and cuDNN for cuda; TensorRT as well for tensorrt).",
                fallbacks);
        }
    }

    /// <summary>Chooses the provider (if not yet chosen) without keeping a session: for <c>doctor</c>.</summary>
    public ProviderSelection Probe(string modelPath)
    {
        using var session = Create(modelPath);
        return Selection!;
    }

    /// <summary>
    /// A session on exactly <paramref name="provider"/>, no fallback (bench and the ceiling use it to measure each
    /// provider). A provider that cannot run throws <see cref="ExecutionProviderException"/> with the reason;
    /// a missing or unreadable model file throws ONNX Runtime's own error.
    /// </summary>
    public InferenceSession Create(string modelPath, ExecutionProvider provider, int? intraOpThreads = null, bool? allowSpinning = null)
    {
        var threads = intraOpThreads ?? Settings.IntraOpThreads;
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
        };
        var spin = (allowSpinning ?? Settings.AllowSpinning) && threads > 1;
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", spin ? "1" : "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");

        try
        {
            if (provider == ExecutionProvider.Cpu)
            {
                return new InferenceSession(modelPath, options);
            }

            return WithOrtLogQuiet(() =>
            {
                AppendGpuProvider(options, provider);
                return new InferenceSession(modelPath, options);
            });
        }
        catch (Exception e) when (provider != ExecutionProvider.Cpu && e is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException && !IsModelError(e))
        {
            var reason = ProviderLoadFailure.Explain(provider, e);
            throw new ExecutionProviderException($"execution provider {provider.Name()} cannot run {modelPath}: {reason}", [new ProviderFallback(provider, reason)], e);
        }
    }

    private void AppendGpuProvider(SessionOptions options, ExecutionProvider provider)
    {
        if (provider == ExecutionProvider.TensorRt)
        {
            using var trt = new OrtTensorRTProviderOptions();
            trt.UpdateOptions(TensorRtProviderOptions(Settings));
            options.AppendExecutionProvider_Tensorrt(trt);

            // Only once TensorRT has loaded: a machine without it gets no empty cache folder.
            Directory.CreateDirectory(Settings.TensorRtCacheFolder);
        }

        // CUDA also backs TensorRT: nodes TensorRT cannot take run on CUDA rather than on the CPU.
        using var cuda = new OrtCUDAProviderOptions();
        cuda.UpdateOptions(CudaProviderOptions(Settings, provider));
        options.AppendExecutionProvider_CUDA(cuda);
    }

    /// <summary>The TensorRT provider's options from <c>detector.gpu</c> (ONNX Runtime's key names).</summary>
    internal static Dictionary<string, string> TensorRtProviderOptions(SessionSettings settings) => new()
    {
        ["device_id"] = Invariant(settings.DeviceId),
        ["trt_engine_cache_enable"] = "1",
        ["trt_engine_cache_path"] = settings.TensorRtCacheFolder,
        ["trt_timing_cache_enable"] = "1",
        ["trt_timing_cache_path"] = settings.TensorRtCacheFolder,
        ["trt_fp16_enable"] = Flag(settings.TensorRtFp16),
        ["trt_cuda_graph_enable"] = Flag(settings.CudaGraphs),
    };

    /// <summary>
    /// The CUDA provider's options. Under TensorRT, CUDA only runs what TensorRT cannot take, and CUDA graphs are
    /// TensorRT's own (capturing twice fails), so <c>enable_cuda_graph</c> is only set when CUDA is the provider.
    /// </summary>
    internal static Dictionary<string, string> CudaProviderOptions(SessionSettings settings, ExecutionProvider provider) => new()
    {
        ["device_id"] = Invariant(settings.DeviceId),
        ["enable_cuda_graph"] = Flag(settings.CudaGraphs && provider == ExecutionProvider.Cuda),
    };

    private static string Flag(bool on) => on ? "1" : "0";

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsModelError(Exception e) =>
        e.Message.Contains("[ErrorCode:NoSuchFile]", StringComparison.Ordinal) ||
        e.Message.Contains("[ErrorCode:InvalidProtobuf]", StringComparison.Ordinal) ||
        e.Message.Contains("[ErrorCode:InvalidGraph]", StringComparison.Ordinal);

    // ONNX Runtime prints a provider's load failure to stderr in red; the reason is logged through ILogger instead.
    private static readonly Lock OrtLogLock = new();

    private static T WithOrtLogQuiet<T>(Func<T> action)
    {
        lock (OrtLogLock)
        {
            var env = OrtEnv.Instance();
            var level = env.EnvLogLevel;
            env.EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
            try
            {
                return action();
            }
            finally
            {
                env.EnvLogLevel = level;
            }
        }
    }
}
