using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Watchpost.Configuration;
using Watchpost.Detection.Runtime;
using Watchpost.Models;

namespace Watchpost.Detection;

/// <summary>
/// Builds detectors from the <c>detector</c> options: resolves and verifies the model (<see cref="ModelCatalog"/>),
/// turns the manifest entry and thresholds into <see cref="DetectorSettings"/>, and makes sessions on the best
/// execution provider (<see cref="SessionFactory"/>). Construction fails at start-up, with a message naming the
/// file or key at fault, rather than on the first frame.
/// </summary>
internal sealed class DetectorFactory
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly DetectorOptions _options;

    public DetectorFactory(DetectorOptions options, ILoggerFactory? loggerFactory = null, ModelCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Model = (catalog ?? ModelCatalog.Default()).Resolve(options.Model, options.ModelPath);
        Settings = CreateSettings(Model, options);
        var threads = options.Threads > 0 ? options.Threads : 1;
        Sessions = new SessionFactory(
            new SessionSettings
            {
                Providers = ExecutionProviderNames.ParseAll(options.Providers),
                IntraOpThreads = threads,

                // Spinning only pays when one session has the cores to itself.
                AllowSpinning = threads > 1 && options.Sessions == 1,
            }.WithGpu(options.Gpu),
            _loggerFactory.CreateLogger<SessionFactory>());
    }

    public ResolvedModel Model { get; }
    public DetectorSettings Settings { get; }
    public SessionFactory Sessions { get; }

    /// <summary>The execution provider in use and why earlier ones fell back; null until the first detector is made.</summary>
    public ProviderSelection? Selection => Sessions.Selection;

    /// <summary>A detector with its own session (on the chosen provider, choosing it on the first call).</summary>
    public IObjectDetector Create()
    {
        var session = Sessions.Create(Model.Path);
        try
        {
            return new OnnxObjectDetector(session, Settings);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The detector pool: <c>detector.sessions</c> workers, or by default one per core on the CPU provider and two on
    /// a GPU (one runs on the GPU while the other letterboxes and decodes; more only queue on the same device).
    /// </summary>
    public DetectorPool CreatePool(int? workers = null)
    {
        var first = Create();
        var count = workers ?? (_options.Sessions > 0 ? _options.Sessions : Selection is { IsGpu: true } ? 2 : Environment.ProcessorCount);
        var built = 0;
        return DetectorPool.Create(() => built++ == 0 ? first : Create(), count, _loggerFactory.CreateLogger<DetectorPool>());
    }

    /// <summary>detector.inputSize and detector.batchSize against what the model takes, with the fix in the message.</summary>
    private static void CheckShape(ModelManifestEntry entry, DetectorOptions options)
    {
        if (options.InputSize != 0 && (options.InputSize != entry.InputWidth || options.InputSize != entry.InputHeight))
        {
            throw new ArgumentException(
                $"detector.inputSize {options.InputSize}: model '{entry.Name}' takes {entry.InputWidth}x{entry.InputHeight}; " +
                $"set detector.inputSize to 0 or {entry.InputWidth}, or choose a model of that size (watchpost model list)");
        }

        CheckBatch(entry, options.BatchSize);
    }

    /// <summary>A batch above 1 needs a model whose manifest input has a dynamic (-1) batch dimension.</summary>
    public static void CheckBatch(ModelManifestEntry entry, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (batchSize > 1 && entry.Input[0] > 0)
        {
            throw new ArgumentException(
                $"detector.batchSize {batchSize}: model '{entry.Name}' has a fixed batch of {entry.Input[0]} " +
                $"(input [{string.Join(", ", entry.Input)}]); set detector.batchSize to 1, or use a dynamic-batch model " +
                "(`watchpost model fetch` makes the manifest's dynamic-batch variant, e.g. yolox-nano-dynamic)");
        }
    }

    /// <summary>Detector settings from a resolved model and the thresholds and classes of the options.</summary>
    public static DetectorSettings CreateSettings(ResolvedModel model, DetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var entry = model.Entry;
        var settings = new DetectorSettings
        {
            InputWidth = entry.InputWidth,
            InputHeight = entry.InputHeight,
            Layout = model.Layout,
            Labels = entry.Labels,
            Rgb = entry.Rgb,
            PixelScale = entry.Normalize ? 1f / 255f : 1f,
            ScoreThreshold = (float)options.ScoreThreshold,
            ClassScoreThresholds = options.ClassThresholds.ToDictionary(kv => kv.Key, kv => (float)kv.Value),
            NmsThreshold = (float)options.NmsThreshold,
            Classes = [.. options.Classes],
            BatchSize = options.BatchSize,
        };
        CheckShape(entry, options);
        try
        {
            settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"detector.classes / detector.classThresholds: {e.Message} (model '{entry.Name}')", e);
        }

        return settings;
    }
}
