using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Detection.Runtime;
using Watchpost.Models;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Detection;

/// <summary>The real YOLOX-Nano from the mirror, as the product resolves it, on single-threaded CPU sessions.</summary>
internal static class RealDetector
{
    private static readonly Lazy<ResolvedModel> Resolved = new(() => ModelCatalog.Default().Resolve("yolox-nano", TestAssets.Model));

    public static ResolvedModel Model => Resolved.Value;

    public static DetectorSettings PersonSettings(float score = 0.5f) =>
        DetectorFactory.CreateSettings(Model, new DetectorOptions { Classes = ["person"], ScoreThreshold = score });

    public static SessionFactory CpuSessions() => new(new SessionSettings { Providers = [ExecutionProvider.Cpu] });

    public static OnnxObjectDetector Create(DetectorSettings? settings = null) =>
        new(CpuSessions().Create(Model.Path), settings ?? PersonSettings());
}
