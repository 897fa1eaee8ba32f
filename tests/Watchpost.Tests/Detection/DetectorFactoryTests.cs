using Microsoft.Extensions.Logging;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Detection.Decoding;
using Watchpost.Detection.Runtime;
using Watchpost.Models;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Detection;

public class DetectorFactoryTests
{
    [Fact]
    public async Task Builds_a_pool_from_the_options_that_detects_people_and_records_the_provider()
    {
        var logs = new ListLogger<DetectorFactory>();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        var factory = new DetectorFactory(new DetectorOptions { ModelPath = TestAssets.Model, Providers = ["cpu"], Sessions = 2 }, loggerFactory);

        await using var pool = factory.CreatePool();
        var frames = Footage.Frames(1);
        using var frame = frames[0];
        var found = await pool.DetectAsync(frame);

        Assert.Equal(2, pool.Workers);
        Assert.Equal(ExecutionProvider.Cpu, factory.Selection!.Chosen);
        Assert.Empty(factory.Selection.Fallbacks);
        Assert.Equal(OutputLayout.Yolox, factory.Model.Layout);
        Assert.True(found.Count(d => d.ClassId == 0) >= 3);
        Assert.Contains(logs.Entries, e => e.Message.Contains("cpu execution provider", StringComparison.Ordinal));
    }

    [Fact]
    public void Thresholds_and_classes_come_from_the_options()
    {
        var settings = DetectorFactory.CreateSettings(RealDetector.Model, new DetectorOptions
        {
            ScoreThreshold = 0.4, ClassThresholds = new() { ["car"] = 0.25 }, NmsThreshold = 0.5, Classes = ["person", "car"],
        });

        Assert.Equal(0.4f, settings.ScoreThreshold);
        Assert.Equal(0.25f, settings.ClassThresholds()[2]);
        Assert.Equal(0.5f, settings.NmsThreshold);
        Assert.Equal(416, settings.InputWidth);
        Assert.False(settings.Rgb);
        Assert.Equal(1f, settings.PixelScale);
    }

    [Fact]
    public void An_unknown_class_in_the_options_is_an_error_naming_the_key_and_the_class()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            DetectorFactory.CreateSettings(RealDetector.Model, new DetectorOptions { Classes = ["person", "pedestrian"] }));

        Assert.Contains("detector.classes", e.Message, StringComparison.Ordinal);
        Assert.Contains("'pedestrian'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_on_the_fixed_batch_model_is_an_error_naming_the_model_and_the_fix()
    {
        var e = Assert.Throws<ArgumentException>(() => DetectorFactory.CreateSettings(RealDetector.Model, new DetectorOptions { BatchSize = 8 }));

        Assert.Contains("detector.batchSize 8", e.Message, StringComparison.Ordinal);
        Assert.Contains("model 'yolox-nano' has a fixed batch of 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("set detector.batchSize to 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_size_the_model_does_not_take_is_an_error_naming_both_sizes()
    {
        var e = Assert.Throws<ArgumentException>(() => DetectorFactory.CreateSettings(RealDetector.Model, new DetectorOptions { InputSize = 320 }));

        Assert.Contains("detector.inputSize 320: model 'yolox-nano' takes 416x416", e.Message, StringComparison.Ordinal);
        Assert.Equal(416, DetectorFactory.CreateSettings(RealDetector.Model, new DetectorOptions { InputSize = 416 }).InputWidth);
    }

    [Fact]
    public void A_bad_model_path_fails_when_the_factory_is_built()
    {
        var e = Assert.Throws<ModelFileException>(() => new DetectorFactory(new DetectorOptions { ModelPath = "/missing/yolox_nano.onnx" }));
        Assert.Contains("/missing/yolox_nano.onnx", e.Message, StringComparison.Ordinal);
    }
}
