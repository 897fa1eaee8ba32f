using Watchpost.Detection;
using Watchpost.Detection.Decoding;
using Watchpost.Models;

namespace Watchpost.Tests.Detection;

public class DetectorSettingsTests
{
    private static DetectorSettings Settings(IReadOnlyCollection<string>? classes = null, Dictionary<string, float>? overrides = null) => new()
    {
        InputWidth = 416,
        InputHeight = 416,
        Layout = OutputLayout.Yolox,
        Labels = CocoLabels.All,
        ScoreThreshold = 0.5f,
        ClassScoreThresholds = overrides ?? new Dictionary<string, float>(),
        Classes = classes ?? [],
    };

    [Fact]
    public void Per_class_thresholds_override_the_default()
    {
        var thresholds = Settings(overrides: new() { ["car"] = 0.3f, ["person"] = 0.6f }).ClassThresholds();

        Assert.Equal(0.6f, thresholds[0]);
        Assert.Equal(0.3f, thresholds[2]);
        Assert.Equal(0.5f, thresholds[1]);
    }

    [Fact]
    public void Classes_not_reported_decode_with_an_infinite_threshold()
    {
        var thresholds = Settings(classes: ["person", "car"], overrides: new() { ["car"] = 0.3f }).DecodeThresholds();

        Assert.Equal(0.5f, thresholds[0]);
        Assert.Equal(0.3f, thresholds[2]);
        Assert.True(float.IsPositiveInfinity(thresholds[1]));
        Assert.Equal(2, thresholds.Count(float.IsFinite));
    }

    [Fact]
    public void A_class_name_the_model_does_not_have_is_an_error_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() => Settings(classes: ["person", "persn"], overrides: new() { ["lorry"] = 0.3f }).Validate());

        Assert.Contains("'persn'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'lorry'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_layout_gets_its_decoder()
    {
        Assert.IsType<YoloxDecoder>(Settings().CreateDecoder());
        Assert.IsType<YoloV8Decoder>((Settings() with { Layout = OutputLayout.YoloV8 }).CreateDecoder());
    }
}
