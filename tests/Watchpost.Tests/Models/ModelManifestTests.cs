
using Watchpost.Detection.Decoding;
using Watchpost.Models;

namespace Watchpost.Tests.Models;

public class ModelManifestTests
{
    private const string MirrorHash = "4903c9058f6e2553834e9905be1ae5d67e262cb6321964dbc57a49edc6fa10da";
    private const string ReleaseHash = "c789161ed43c8269fcd4e67c67eeeb4e80c622da2eb296a20bc6007bd18a0b7d";

    [Fact]
    public void The_built_in_manifest_describes_yolox_nano_and_accepts_both_known_exports()
    {
        var entry = ModelManifest.BuiltIn.Find("yolox-nano");

        Assert.Equal("yolox_nano.onnx", entry.File);
        Assert.Equal("https://github.com/Megvii-BaseDetection/YOLOX/releases/download/0.1.1rc0/yolox_nano.onnx", entry.Url);
        Assert.Contains(MirrorHash, entry.Sha256);
        Assert.Contains(ReleaseHash, entry.Sha256);
        Assert.Equal([1, 3, 416, 416], entry.Input);
        Assert.Equal([1, 3549, 85], entry.Output!);
        Assert.Equal(OutputLayout.Yolox, entry.DeclaredLayout);
        Assert.False(entry.Rgb);
        Assert.Same(CocoLabels.All, entry.Labels);
        Assert.Equal("Apache-2.0", entry.Licence);
    }

    [Fact]
    public void Is_the_same_as_models_manifest_json_in_the_checkout()
    {
        var file = Path.Combine(RepositoryRoot(), "models", "manifest.json");
        var fromFile = ModelManifest.Load(file);

        Assert.Equal(ModelManifest.BuiltIn.Models.Select(m => m.Name), fromFile.Models.Select(m => m.Name));
        Assert.Equal(ModelManifest.BuiltIn.Models[0].Sha256, fromFile.Models[0].Sha256);
    }

    [Fact]
    public void An_unknown_model_name_lists_the_known_ones()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => ModelManifest.BuiltIn.Find("yolov99"));
        Assert.Contains("'yolov99'", e.Message, StringComparison.Ordinal);
        Assert.Contains("yolox-nano", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yolov8_entry_without_a_layout_reads_its_labels_and_colour_order()
    {
        var manifest = ModelManifest.Parse(Entry("""
            "input": [1, 3, 640, 640], "colourOrder": "rgb", "normalize": true, "labels": ["person", "car"]
            """), "test");

        var entry = manifest.Models[0];
        Assert.Null(entry.DeclaredLayout);
        Assert.True(entry.Rgb);
        Assert.Equal(["person", "car"], entry.Labels);
        Assert.Equal(640, entry.InputWidth);
    }

    [Theory]
    [InlineData("\"input\": [1, 3, 416, 416], \"labels\": \"coco\", \"colour\": \"bgr\"", "colour")]
    [InlineData("\"input\": [3, 416, 416], \"labels\": \"coco\"", "expected [1 or -1 (dynamic batch), 3, height, width]")]
    [InlineData("\"input\": [1, 3, 416, 416], \"labels\": \"imagenet\"", "expected \"coco\" or a list")]
    [InlineData("\"input\": [1, 3, 416, 416], \"labels\": \"coco\", \"layout\": \"yolov8\", \"output\": [1, 3549, 85]", "is yolox")]
    public void Mistakes_are_errors_naming_the_source_and_what_was_expected(string fields, string expected)
    {
        var e = Assert.Throws<FormatException>(() => ModelManifest.Parse(Entry(fields), "bad-manifest.json"));
        Assert.Contains("bad-manifest.json", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_http_url_is_refused()
    {
        var json = Entry("\"input\": [1, 3, 416, 416], \"labels\": \"coco\"").Replace("https://", "http://", StringComparison.Ordinal);
        var e = Assert.Throws<FormatException>(() => ModelManifest.Parse(json, "m.json"));
        Assert.Contains("expected an https:// address", e.Message, StringComparison.Ordinal);
    }

    private static string Entry(string fields) => $$"""
        { "models": [ { "name": "m", "file": "m.onnx", "url": "https://example.org/m.onnx",
                        "sha256": ["{{MirrorHash}}"], "licence": "MIT", {{fields}} } ] }
        """;

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Watchpost.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Watchpost.slnx above {AppContext.BaseDirectory}");
    }
}
