
using Watchpost.Detection.Decoding;

namespace Watchpost.Tests.Detection.Decoding;

public class OutputLayoutsTests
{
    [Theory]
    [InlineData(new[] { 1, 3549, 85 }, 80, OutputLayout.Yolox)]
    [InlineData(new[] { 1, 8400, 85 }, 80, OutputLayout.Yolox)]
    [InlineData(new[] { 1, 84, 8400 }, 80, OutputLayout.YoloV8)]
    [InlineData(new[] { 1, 84, -1 }, 80, OutputLayout.YoloV8)]
    [InlineData(new[] { 1, 7, 2100 }, 3, OutputLayout.YoloV8)]
    public void Tells_the_layout_from_the_output_shape(int[] shape, int classes, OutputLayout expected) =>
        Assert.Equal(expected, OutputLayouts.FromShape(shape, classes));

    [Fact]
    public void A_shape_that_fits_neither_layout_is_an_error_naming_both()
    {
        var e = Assert.Throws<InvalidDataException>(() => OutputLayouts.FromShape([1, 3, 416, 416], 80));
        Assert.Contains("[1, 3, 416, 416]", e.Message, StringComparison.Ordinal);
        Assert.Contains("[1, N, 85] (yolox)", e.Message, StringComparison.Ordinal);
        Assert.Contains("[1, 84, N] (yolov8/yolo11)", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yolox", OutputLayout.Yolox)]
    [InlineData("YOLOv8", OutputLayout.YoloV8)]
    [InlineData("yolo11", OutputLayout.YoloV8)]
    public void Parses_manifest_names(string name, OutputLayout expected) => Assert.Equal(expected, OutputLayouts.Parse(name));
}
