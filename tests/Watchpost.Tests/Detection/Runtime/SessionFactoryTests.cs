using Microsoft.Extensions.Logging;
using Watchpost.Detection.Runtime;

namespace Watchpost.Tests.Detection.Runtime;

public class SessionFactoryTests
{
    // This project's CI and development machines have no NVIDIA GPU; on one that has, the GPU cases do not apply.
    private static readonly bool HasNvidiaGpu = File.Exists("/dev/nvidiactl");

    [Fact]
    public void Without_a_gpu_the_default_order_falls_back_to_cpu_and_says_why_for_each_gpu_provider()
    {
        if (HasNvidiaGpu)
        {
            return;
        }

        var logger = new ListLogger<SessionFactory>();
        var factory = new SessionFactory(new SessionSettings(), logger);

        using var session = factory.Create(RealDetector.Model.Path);

        var selection = Assert.IsType<ProviderSelection>(factory.Selection);
        Assert.Equal(ExecutionProvider.Cpu, selection.Chosen);
        Assert.Equal([ExecutionProvider.TensorRt, ExecutionProvider.Cuda], selection.Fallbacks.Select(f => f.Provider));
        Assert.All(selection.Fallbacks, f => Assert.Matches(@"Failed to load shared library lib\S+\.so", f.Reason));
        Assert.Contains("libcublasLt.so.13", selection.Fallbacks[1].Reason, StringComparison.Ordinal);

        var warnings = logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("tensorrt", warnings[0], StringComparison.Ordinal);
        Assert.Contains("cuda", warnings[1], StringComparison.Ordinal);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("cpu execution provider", StringComparison.Ordinal));
        Assert.StartsWith("cpu (fell back from tensorrt: Failed to load", selection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Later_sessions_use_the_chosen_provider_without_trying_again()
    {
        var logger = new ListLogger<SessionFactory>();
        var factory = new SessionFactory(new SessionSettings(), logger);

        using var first = factory.Create(RealDetector.Model.Path);
        var logged = logger.Entries.Count;
        using var second = factory.Create(RealDetector.Model.Path);

        Assert.Equal(logged, logger.Entries.Count);
        Assert.Same(factory.Selection, factory.Probe(RealDetector.Model.Path));
    }

    [Fact]
    public void When_no_listed_provider_loads_the_error_gives_each_reason_and_what_to_do()
    {
        if (HasNvidiaGpu)
        {
            return;
        }

        var factory = new SessionFactory(new SessionSettings { Providers = [ExecutionProvider.Cuda] });

        var e = Assert.Throws<ExecutionProviderException>(() => factory.Create(RealDetector.Model.Path));

        Assert.Contains("cuda: Failed to load shared library libcublasLt.so.13", e.Message, StringComparison.Ordinal);
        Assert.Contains("Add \"cpu\" to detector.providers", e.Message, StringComparison.Ordinal);
        Assert.Null(factory.Selection);
    }

    [Fact]
    public void A_missing_model_is_not_mistaken_for_a_provider_failure()
    {
        var factory = new SessionFactory(new SessionSettings());

        var e = Assert.ThrowsAny<Exception>(() => factory.Create("/nonexistent/model.onnx"));

        Assert.IsNotType<ExecutionProviderException>(e);
        Assert.Contains("/nonexistent/model.onnx", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tensorrt", ExecutionProvider.TensorRt)]
    [InlineData(" CUDA ", ExecutionProvider.Cuda)]
    [InlineData("cpu", ExecutionProvider.Cpu)]
    public void Parses_provider_names(string name, ExecutionProvider expected) => Assert.Equal(expected, ExecutionProviderNames.Parse(name));

    [Fact]
    public void An_unknown_provider_name_is_an_error_listing_the_known_ones()
    {
        var e = Assert.Throws<FormatException>(() => ExecutionProviderNames.ParseAll(["cuda", "openvino"]));
        Assert.Contains("'openvino'", e.Message, StringComparison.Ordinal);
        Assert.Contains("tensorrt, cuda, cpu", e.Message, StringComparison.Ordinal);
    }
}
