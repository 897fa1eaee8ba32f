using Watchpost.Assets;
using Watchpost.Configuration;

namespace Watchpost.Detection.Runtime;

/// <summary>How inference sessions are made: which providers to try, in order, and how each session uses threads.</summary>
internal sealed record SessionSettings
{
    /// <summary>Execution providers in order of preference; the first that loads is used.</summary>
    public IReadOnlyList<ExecutionProvider> Providers { get; init; } = ExecutionProviderNames.Default;

    /// <summary>
    /// Intra-op threads per session. 1 by default: on few cores, one single-threaded session per core beats one
    /// session spread over all cores (measured about 2x on 2 cores), and the detector pool runs one per core.
    /// </summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>
    /// Whether intra-op threads spin while waiting for work. It only pays for a session that has the cores to
    /// itself; with several sessions, or other stages on the same cores, spinning steals their time. Off by default.
    /// </summary>
    public bool AllowSpinning { get; init; }

    /// <summary>The GPU used by the TensorRT and CUDA providers.</summary>
    public int DeviceId { get; init; }

    /// <summary>TensorRT builds in FP16 (faster on Jetson and recent GPUs; outputs differ slightly from FP32).</summary>
    public bool TensorRtFp16 { get; init; }

    /// <summary>Where TensorRT keeps its built engines, so that only the first start pays the build (minutes on a Jetson).</summary>
    public string TensorRtCacheFolder { get; init; } = DefaultTensorRtCacheFolder;

    /// <summary>CUDA graphs on the CUDA provider (<c>enable_cuda_graph</c>) and TensorRT (<c>trt_cuda_graph_enable</c>).</summary>
    public bool CudaGraphs { get; init; }

    public static string DefaultTensorRtCacheFolder => Path.Combine(AssetMirror.DownloadCache, "tensorrt");

    /// <summary>These settings with the device, TensorRT and CUDA-graph choices of <c>detector.gpu</c>.</summary>
    public SessionSettings WithGpu(DetectorGpuOptions gpu)
    {
        ArgumentNullException.ThrowIfNull(gpu);
        return this with
        {
            DeviceId = gpu.DeviceId,
            TensorRtFp16 = gpu.TensorRtFp16,
            TensorRtCacheFolder = string.IsNullOrWhiteSpace(gpu.EngineCacheFolder) ? DefaultTensorRtCacheFolder : gpu.EngineCacheFolder,
            CudaGraphs = gpu.CudaGraphs,
        };
    }
}
