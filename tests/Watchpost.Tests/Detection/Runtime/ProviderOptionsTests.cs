using Watchpost.Configuration;
using Watchpost.Detection.Runtime;

namespace Watchpost.Tests.Detection.Runtime;

/// <summary><c>detector.gpu</c> reaches the option dictionaries handed to the TensorRT and CUDA providers.</summary>
public class ProviderOptionsTests
{
    private static readonly DetectorGpuOptions Gpu = new() { DeviceId = 2, TensorRtFp16 = true, EngineCacheFolder = "/var/cache/watchpost/trt", CudaGraphs = true };

    [Fact]
    public void TensorRt_gets_the_device_fp16_engine_cache_and_cuda_graphs()
    {
        var options = SessionFactory.TensorRtProviderOptions(new SessionSettings().WithGpu(Gpu));

        Assert.Equal("2", options["device_id"]);
        Assert.Equal("1", options["trt_fp16_enable"]);
        Assert.Equal("1", options["trt_engine_cache_enable"]);
        Assert.Equal("/var/cache/watchpost/trt", options["trt_engine_cache_path"]);
        Assert.Equal("1", options["trt_cuda_graph_enable"]);
    }

    [Fact]
    public void Cuda_gets_the_device_and_cuda_graphs_only_when_it_is_the_provider()
    {
        var settings = new SessionSettings().WithGpu(Gpu);

        var cuda = SessionFactory.CudaProviderOptions(settings, ExecutionProvider.Cuda);
        var underTensorRt = SessionFactory.CudaProviderOptions(settings, ExecutionProvider.TensorRt);

        Assert.Equal("2", cuda["device_id"]);
        Assert.Equal("1", cuda["enable_cuda_graph"]);
        Assert.Equal("2", underTensorRt["device_id"]);
        Assert.Equal("0", underTensorRt["enable_cuda_graph"]);
    }

    [Fact]
    public void The_defaults_are_device_0_fp32_no_graphs_and_the_model_cache_engine_folder()
    {
        var settings = new SessionSettings().WithGpu(new DetectorGpuOptions());
        var trt = SessionFactory.TensorRtProviderOptions(settings);

        Assert.Equal("0", trt["device_id"]);
        Assert.Equal("0", trt["trt_fp16_enable"]);
        Assert.Equal("0", trt["trt_cuda_graph_enable"]);
        Assert.Equal(SessionSettings.DefaultTensorRtCacheFolder, trt["trt_engine_cache_path"]);
    }

    [Fact]
    public void Without_a_gpu_the_configured_gpu_options_still_fall_back_to_cpu_with_the_reason()
    {
        if (File.Exists("/dev/nvidiactl"))
        {
            return;
        }

        var factory = new SessionFactory(new SessionSettings { Providers = [ExecutionProvider.Cuda, ExecutionProvider.Cpu] }.WithGpu(Gpu));

        using var session = factory.Create(RealDetector.Model.Path);

        var selection = Assert.IsType<ProviderSelection>(factory.Selection);
        Assert.Equal(ExecutionProvider.Cpu, selection.Chosen);
        Assert.Contains("libcublasLt.so.13", Assert.Single(selection.Fallbacks).Reason, StringComparison.Ordinal);
    }
}
