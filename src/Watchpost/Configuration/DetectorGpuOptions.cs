using System.ComponentModel.DataAnnotations;

namespace Watchpost.Configuration;

/// <summary>
/// <c>detector.gpu</c>: how the TensorRT and CUDA execution providers use the GPU. Ignored on the CPU provider
/// (a machine without a GPU falls back to it with the reason logged).
/// </summary>
public sealed class DetectorGpuOptions
{
    /// <summary>The CUDA device that runs inference (0 = the first GPU).</summary>
    [Range(0, 15)]
    public int DeviceId { get; set; }

    /// <summary>TensorRT builds FP16 engines: faster on Jetson and recent GPUs, outputs differ slightly from FP32.</summary>
    public bool TensorRtFp16 { get; set; }

    /// <summary>Where TensorRT keeps built engines, so only the first start pays the build; empty = the model cache's tensorrt folder.</summary>
    public string? EngineCacheFolder { get; set; }

    /// <summary>
    /// Replays the model as one CUDA graph (CUDA provider) or TensorRT CUDA graph: less launch overhead per frame.
    /// Needs a fixed input shape and batch; off by default.
    /// </summary>
    public bool CudaGraphs { get; set; }
}
